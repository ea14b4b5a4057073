package r4rescue.protocol.brom;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the Boot ROM and BL2 download protocols share on the wire: every byte the host sends comes
 * back as an echo, integers are big-endian, and silence means the other side is gone.
 */
public final class Wire {

    private static final HexFormat HEX = HexFormat.of();

    private Wire() {
    }

    /** Sends {@code out}; the same bytes must come back. {@code who} names the other side in messages. */
    public static void echo(SerialLine line, byte[] out, long timeoutMs, String who) throws IOException {
        line.write(out);
        byte[] back = new byte[out.length];
        for (int i = 0; i < back.length; i++) {
            int r = line.read(timeoutMs);
            if (r < 0) {
                throw new UartBootException(UartFailure.NO_ANSWER, who + " did not echo " + HEX.formatHex(out));
            }
            back[i] = (byte) r;
        }
        if (!Arrays.equals(out, back)) {
            throw new UartBootException(UartFailure.PROTOCOL, "sent " + HEX.formatHex(out) + ", echo " + HEX.formatHex(back));
        }
    }

    /** A big-endian unsigned integer of {@code n} bytes (n up to 4). */
    public static long readBe(SerialLine line, int n, long timeoutMs, String who) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int r = line.read(timeoutMs);
            if (r < 0) {
                throw new UartBootException(UartFailure.NO_ANSWER, who + " stopped answering");
            }
            v = v << 8 | r;
        }
        return v;
    }

    public static byte[] be32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    public static byte[] be16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    /** Time the line needs for {@code bytes} at its rate (10 bits a byte), plus {@code slackMs}. */
    public static long lineMs(SerialLine line, long bytes, long slackMs) {
        return bytes * 10_000L / Math.max(1, line.baud()) + slackMs;
    }

    public static void pause(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("cancelled");
        }
    }
}
