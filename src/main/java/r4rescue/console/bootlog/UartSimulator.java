package r4rescue.console.bootlog;

import java.io.ByteArrayOutputStream;

/**
 * What a UART receiving at one baud rate makes of bytes sent at another: models the line
 * (idle high; per byte a start bit, 8 data bits LSB first, a stop bit) and a 16550-style receiver
 * (start detected on its 16x clock, then each bit sampled mid-bit at its own rate, framing errors
 * delivered as the byte read, as in raw mode). Used to test and calibrate {@link BaudGuesser}.
 */
public final class UartSimulator {

    private UartSimulator() {
    }

    /**
     * @param gapBitsAfterNewline idle time after each LF, in sender bit times (a printing CPU pauses between lines)
     * @param phaseBits           the receiver starts listening this many sender bit times into the idle lead-in
     */
    public static byte[] resample(byte[] sent, int sendBaud, int recvBaud, int gapBitsAfterNewline, double phaseBits) {
        int lead = 20;
        int bits = lead;
        for (byte b : sent) {
            bits += 10 + (b == '\n' ? gapBitsAfterNewline : 0);
        }
        bits += 20;
        boolean[] low = new boolean[bits];
        int p = lead;
        for (byte b : sent) {
            low[p++] = true; // start bit
            for (int k = 0; k < 8; k++) {
                low[p++] = ((b >> k) & 1) == 0;
            }
            p++; // stop bit (high)
            if (b == '\n') {
                p += gapBitsAfterNewline;
            }
        }
        double bitS = 1.0 / sendBaud;
        double rxBit = 1.0 / recvBaud;
        double tick = rxBit / 16;
        double end = bits * bitS;
        double t = phaseBits * bitS;
        ByteArrayOutputStream out = new ByteArrayOutputStream(sent.length);
        while (t < end) {
            // next low level at or after t
            int i = (int) Math.floor(t / bitS);
            while (i < bits && !low[i]) {
                i++;
            }
            if (i >= bits) {
                break;
            }
            double edge = Math.max(t, i * bitS);
            double start = Math.ceil(edge / tick) * tick;
            if (level(low, start + rxBit / 2, bitS)) {
                t = start + rxBit / 2 + tick; // false start: the low was too short
                continue;
            }
            int value = 0;
            for (int k = 0; k < 8; k++) {
                if (level(low, start + (k + 1.5) * rxBit, bitS)) {
                    value |= 1 << k;
                }
            }
            out.write(value);
            t = start + 9.5 * rxBit;
        }
        return out.toByteArray();
    }

    /** Line level (true = high) at time t. */
    private static boolean level(boolean[] low, double t, double bitS) {
        int i = (int) Math.floor(t / bitS);
        return i < 0 || i >= low.length || !low[i];
    }
}
