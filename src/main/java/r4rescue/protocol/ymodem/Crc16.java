package r4rescue.protocol.ymodem;

/** CRC-16 of XMODEM/YMODEM: CCITT polynomial 0x1021, initial value 0, no reflection. */
public final class Crc16 {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int b = 0; b < 8; b++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            }
            TABLE[i] = c & 0xffff;
        }
    }

    private Crc16() {
    }

    public static int of(byte[] data, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xff]) & 0xffff;
        }
        return crc;
    }
}
