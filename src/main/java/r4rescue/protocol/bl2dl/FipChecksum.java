package r4rescue.protocol.bl2dl;

/**
 * The checksum of one FIP packet in BL2's UART download: the sum of big-endian 16-bit words (an
 * odd last byte is the high byte), folded to 16 bits, as TF-A's uart_dl.c computes it.
 */
public final class FipChecksum {

    private FipChecksum() {
    }

    public static int of(byte[] d, int off, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += (d[off + i] & 0xff) << 8 | d[off + i + 1] & 0xff;
        }
        if (i < len) {
            sum += (d[off + i] & 0xff) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum >> 16) + (sum & 0xffff);
        }
        return (int) sum;
    }
}
