package r4rescue.protocol.ymodem;

import java.io.IOException;

import r4rescue.console.Console;
import r4rescue.console.Tap;

/** The byte pipe a YMODEM transfer runs over. */
public interface YmodemLine {

    /** Next byte (0..255), or -1 if none came within {@code timeoutMs}. */
    int read(long timeoutMs) throws IOException;

    void write(byte[] data, int off, int len) throws IOException;

    /** Throws away what has arrived and was not read yet (stale answers, echo, noise). */
    void purge();

    /** The console's tap for reading and the console for writing. */
    static YmodemLine of(Tap tap, Console console) {
        return new YmodemLine() {
            @Override
            public int read(long timeoutMs) throws IOException {
                return tap.read(timeoutMs);
            }

            @Override
            public void write(byte[] data, int off, int len) throws IOException {
                console.link().write(data, off, len);
            }

            @Override
            public void purge() {
                tap.drain();
            }
        };
    }
}
