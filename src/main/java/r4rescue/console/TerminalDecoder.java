package r4rescue.console;

/**
 * Bytes from the board to characters: UTF-8, with every invalid or truncated sequence turned into
 * U+FFFD instead of an exception (a wrong baud rate produces garbage, not a crash). A sequence split
 * across two chunks is completed with the next chunk.
 */
public final class TerminalDecoder {

    static final char REPLACEMENT = '\uFFFD';

    private char[] out = new char[4096];
    private int codePoint;
    private int need;
    private int min;

    /** Decodes {@code len} bytes; the characters are in {@link #chars()}, the count is returned. */
    public int decode(byte[] in, int off, int len) {
        if (out.length < len + 2) {
            out = new char[len + 2 + (len >> 2)];
        }
        char[] o = out;
        int n = 0;
        int end = off + len;
        int i = off;
        while (i < end) {
            int b = in[i];
            if (need == 0) {
                if (b >= 0) {
                    o[n++] = (char) b;
                    i++;
                    continue;
                }
                b &= 0xff;
                if (b >= 0xC2 && b <= 0xDF) {
                    codePoint = b & 0x1F;
                    need = 1;
                    min = 0x80;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    codePoint = b & 0x0F;
                    need = 2;
                    min = 0x800;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    codePoint = b & 0x07;
                    need = 3;
                    min = 0x10000;
                } else {
                    o[n++] = REPLACEMENT; // stray continuation byte, C0/C1 overlong lead or > U+10FFFF
                }
                i++;
                continue;
            }
            if ((b & 0xC0) != 0x80) {
                // Sequence cut short: report it and read this byte afresh as a lead byte.
                o[n++] = REPLACEMENT;
                need = 0;
                continue;
            }
            codePoint = (codePoint << 6) | (b & 0x3F);
            i++;
            if (--need == 0) {
                if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                    o[n++] = REPLACEMENT;
                } else if (codePoint >= 0x10000) {
                    o[n++] = Character.highSurrogate(codePoint);
                    o[n++] = Character.lowSurrogate(codePoint);
                } else {
                    o[n++] = (char) codePoint;
                }
            }
        }
        return n;
    }

    /** The buffer the last {@link #decode} wrote into; valid until the next call. */
    public char[] chars() {
        return out;
    }

    /** Convenience for tests and one-off text. */
    public String decodeToString(byte[] in) {
        int n = decode(in, 0, in.length);
        return new String(out, 0, n);
    }
}
