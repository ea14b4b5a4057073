package r4rescue.console;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the values of variables whose names contain {@code pass} or {@code key} (wifi_key,
 * root_password, psk_key …) in a record that leaves the computer: {@code NAME=value} (printenv,
 * fw_printenv, shell), {@code setenv NAME value}, {@code fw_setenv NAME value}, UCI's
 * {@code option key 'value'} and {@code uci set x.y.key=value}. Each hidden character becomes
 * {@code *}, so the lengths and byte positions stay; works line by line on text or raw bytes.
 */
public final class SecretMask {

    private static final String NAME = "[A-Za-z0-9_.\\-]*(?i:pass|key)[A-Za-z0-9_.\\-]*";
    private static final Pattern ASSIGN = Pattern.compile("(?<![A-Za-z0-9_.\\-])" + NAME + "=([^\\s;]+)");
    private static final Pattern SET = Pattern.compile("(?:setenv|fw_setenv|option|list)\\s+" + NAME + "\\s+(\\S.*?)\\s*$");

    private SecretMask() {
    }

    /** One line (or several, separated by newlines) with secret values starred. */
    public static String text(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int start = 0;
        while (start <= s.length()) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl;
            out.append(line(s.substring(start, end)));
            if (nl < 0) {
                break;
            }
            out.append('\n');
            start = nl + 1;
        }
        return out.toString();
    }

    /** Raw console bytes, each byte one character, so lengths stay. */
    public static byte[] bytes(byte[] raw) {
        return text(new String(raw, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String line(String l) {
        char[] c = l.toCharArray();
        for (Pattern p : new Pattern[] {ASSIGN, SET}) {
            Matcher m = p.matcher(l);
            while (m.find()) {
                star(c, m.start(1), m.end(1));
            }
        }
        return new String(c);
    }

    private static void star(char[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (c[i] != '\r') {
                c[i] = '*';
            }
        }
    }
}
