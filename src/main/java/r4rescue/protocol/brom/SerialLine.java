package r4rescue.protocol.brom;

import java.io.IOException;

import r4rescue.console.Console;
import r4rescue.console.Tap;

/**
 * The raw byte line the Boot ROM and BL2 download protocols run over: bytes both ways, and the
 * line rate, which both protocols change in the middle of a session.
 */
public interface SerialLine {

    /** Next byte (0..255), or -1 if none came within {@code timeoutMs}. */
    int read(long timeoutMs) throws IOException;

    void write(byte[] data) throws IOException;

    /** Throws away what has arrived and was not read yet. */
    void purge();

    void setBaud(int baud) throws IOException;

    int baud();

    /** The console's tap for reading and its link for writing and the rate. */
    static SerialLine of(Tap tap, Console console) {
        return new SerialLine() {
            @Override
            public int read(long timeoutMs) throws IOException {
                return tap.read(timeoutMs);
            }

            @Override
            public void write(byte[] data) throws IOException {
                console.link().write(data);
            }

            @Override
            public void purge() {
                tap.drain();
            }

            @Override
            public void setBaud(int baud) throws IOException {
                console.link().setBaud(baud);
            }

            @Override
            public int baud() {
                return console.link().baud();
            }
        };
    }
}
