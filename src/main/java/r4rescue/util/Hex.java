package r4rescue.util;

/** Numbers as U-Boot writes them: hexadecimal, with or without {@code 0x}. */
public final class Hex {

    private Hex() {
    }

    /** {@code 0x46000000}, {@code 46000000} or {@code 0X46000000}, spaces around allowed; unsigned. */
    public static long parse(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        return Long.parseUnsignedLong(t, 16);
    }
}
