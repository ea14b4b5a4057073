package r4rescue.protocol.brom;

import java.io.IOException;

import r4rescue.console.Console;
import r4rescue.console.Tap;
import r4rescue.protocol.ymodem.YmodemLine;

/**
 * The raw byte line the Boot ROM and BL2 download protocols run over: YMODEM's byte pipe plus the
 * line rate, which both protocols change in the middle of a session.
 */
public interface SerialLine extends YmodemLine {

    default void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    void setBaud(int baud) throws IOException;

    int baud();

    /** The console's tap for reading and its link for writing and the rate. */
    static SerialLine of(Tap tap, Console console) {
        YmodemLine bytes = YmodemLine.of(tap, console);
        return new SerialLine() {
            @Override
            public int read(long timeoutMs) throws IOException {
                return bytes.read(timeoutMs);
            }

            @Override
            public void write(byte[] data, int off, int len) throws IOException {
                bytes.write(data, off, len);
            }

            @Override
            public void purge() {
                bytes.purge();
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
