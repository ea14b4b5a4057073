package r4rescue.sim.boot;

import r4rescue.sim.SimBoard;

/**
 * The UART as the Boot ROM's and BL2's download loops use it: bytes and big-endian integers, each
 * received byte echoed where the protocol echoes. An adapter that cannot do the current rate
 * ({@code Faults.deadFromBaud}) lets nothing through either way.
 */
final class DownloadPort {

    private final SimBoard board;

    DownloadPort(SimBoard board) {
        this.board = board;
    }

    /** The next byte, or -1 after {@code timeoutMs}. */
    int rx(long timeoutMs) {
        int r = board.read(timeoutMs);
        return dead() ? -1 : r;
    }

    /** The next byte without taking it, or -1 after {@code timeoutMs}. */
    int peek(long timeoutMs) {
        int r = board.uart().peek(timeoutMs);
        return dead() ? -1 : r;
    }

    void tx(int... bytes) {
        if (dead()) {
            return;
        }
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        board.write(b);
    }

    void tx16(int v) {
        tx(v >> 8 & 0xff, v & 0xff);
    }

    void tx32(long v) {
        tx((int) (v >> 24 & 0xff), (int) (v >> 16 & 0xff), (int) (v >> 8 & 0xff), (int) (v & 0xff));
    }

    /** Reads a big-endian integer of {@code n} bytes, echoing each byte; -1 if the host went quiet. */
    long rxEcho(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int r = rx(5000);
            if (r < 0) {
                return -1;
            }
            tx(r);
            v = v << 8 | r;
        }
        return v;
    }

    /** {@code len} bytes of data (no echo), or null if the host went quiet. */
    byte[] rxData(int len) {
        byte[] d = new byte[len];
        for (int i = 0; i < len; i++) {
            int r = rx(5000);
            if (r < 0) {
                return null;
            }
            d[i] = (byte) r;
        }
        return d;
    }

    void setBaud(int baud) {
        board.uart().setBaud(baud);
    }

    private boolean dead() {
        int from = board.faults().deadFromBaud;
        return from > 0 && board.uart().baud() >= from;
    }
}
