package r4rescue.console.bootlog;

import r4rescue.console.Ansi;

/**
 * Turns a raw console line into plain text: drops ANSI escape sequences (CSI, OSC, two-byte ESC),
 * carriage returns and other control characters, applies backspaces, cuts absurdly long lines.
 * It also counts the characters that are not plain ASCII text, as a measure of line noise
 * (what a wrong baud rate produces). One instance per observer: not thread-safe.
 */
public final class LineCleaner {

    private final int maxChars;
    private int garbage;

    public LineCleaner(int maxChars) {
        this.maxChars = maxChars;
    }

    /** Characters of the last {@link #clean} input that were neither text nor formatting. */
    public int lastGarbage() {
        return garbage;
    }

    public String clean(String raw) {
        garbage = 0;
        int len = raw.length();
        int i = 0;
        int plainEnd = Math.min(len, maxChars);
        while (i < plainEnd) {
            char c = raw.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                break;
            }
            i++;
        }
        if (i == plainEnd) {
            return i == len ? raw : raw.substring(0, i);
        }
        StringBuilder sb = new StringBuilder(Math.min(len, maxChars));
        sb.append(raw, 0, i);
        // at most maxChars kept and a bounded number of dropped characters looked at
        int limit = Math.min(len, i + 4 * maxChars);
        while (i < limit && sb.length() < maxChars) {
            char c = raw.charAt(i++);
            if (c >= 0x20 && c <= 0x7e || c == '\t') {
                sb.append(c);
            } else if (c == 0x1b) {
                i = Ansi.skipEscape(raw, i);
            } else if (c == '\b') {
                if (sb.length() > 0) {
                    sb.setLength(sb.length() - 1);
                }
            } else if (c == '\r' || c == '\n' || c == 0x07) {
                // line framing and bell: formatting, not noise
            } else if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\ufffd') {
                garbage++;
            } else {
                garbage++;
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
