package r4rescue.protocol.brom;

/**
 * The 16-bit checksum the Boot ROM returns after SEND_DA: the XOR of the payload's little-endian
 * 16-bit words, an odd last byte padded with 0 (as mtkclient computes it). Written here because no
 * Java library speaks this protocol.
 */
public final class BromChecksum {

    private BromChecksum() {
    }

    public static int of(byte[] data) {
        int sum = 0;
        for (int i = 0; i < data.length; i += 2) {
            int lo = data[i] & 0xff;
            int hi = i + 1 < data.length ? data[i + 1] & 0xff : 0;
            sum ^= lo | hi << 8;
        }
        return sum;
    }
}
