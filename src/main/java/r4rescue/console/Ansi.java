package r4rescue.console;

/**
 * Terminal escape sequences, for text that is parsed rather than shown (prompts, command output,
 * boot logs): CSI ({@code ESC [ … final}, colours, cursor moves, ash's {@code ESC[6n}), OSC
 * ({@code ESC ] … BEL} or {@code ESC \}), character-set designations ({@code ESC ( B}) and every
 * other two-byte escape ({@code ESC 7}, {@code ESC =}). The display side keeps them:
 * {@link AnsiParser}. Sequences are bounded (64 characters for CSI, 256 for OSC) so line noise
 * cannot swallow a whole log.
 */
public final class Ansi {

    private static final char ESC = 0x1b;

    private Ansi() {
    }

    /** {@code text} without its escape sequences; everything else, CR and BS included, is kept. */
    public static String strip(CharSequence text) {
        String s = text.toString();
        int esc = s.indexOf(ESC);
        if (esc < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (esc >= 0) {
            out.append(s, i, esc);
            i = skipEscape(s, esc + 1);
            esc = s.indexOf(ESC, i);
        }
        return out.append(s, i, s.length()).toString();
    }

    /** The index just after the escape sequence whose ESC is just before {@code i}. */
    public static int skipEscape(CharSequence s, int i) {
        int len = s.length();
        if (i >= len) {
            return i;
        }
        char c = s.charAt(i);
        if (c == '[') {
            // CSI: parameters and intermediates, then one final byte 0x40..0x7e
            int j = i + 1;
            int limit = Math.min(len, i + 64);
            while (j < limit) {
                char d = s.charAt(j++);
                if (d >= 0x40 && d <= 0x7e) {
                    return j;
                }
                if (d < 0x20 || d > 0x3f) {
                    return j - 1;
                }
            }
            return j;
        }
        if (c == ']') {
            // OSC: up to BEL or ESC \
            int j = i + 1;
            int limit = Math.min(len, i + 256);
            while (j < limit) {
                char d = s.charAt(j++);
                if (d == 0x07) {
                    return j;
                }
                if (d == ESC) {
                    return j < len && s.charAt(j) == '\\' ? j + 1 : j;
                }
            }
            return j;
        }
        if (c == '(' || c == ')' || c == '*' || c == '+' || c == '#') {
            return Math.min(len, i + 2);
        }
        return i + 1;
    }
}
