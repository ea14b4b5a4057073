package r4rescue.sim;

/**
 * Word rules the simulated shells share (BusyBox ash and U-Boot's hush both follow POSIX here):
 * quoted spans, backslash escapes, variable names and field splitting of unquoted expansions.
 */
public final class ShellWords {

    /** What a backslash escapes inside double quotes; elsewhere there it stays a backslash. */
    private static final String DOUBLE_QUOTE_ESCAPES = "\"\\$`";

    private ShellWords() {
    }

    /**
     * Where the raw span starting at {@code at} ends (exclusive): a whole '...' or "..." (backslash
     * escapes skipped inside double quotes) or a backslash and its character; {@code at} when no
     * such span starts there; -1 when the quote is never closed.
     */
    public static int rawSpanEnd(String s, int at) {
        char c = s.charAt(at);
        if (c == '\'' || c == '"') {
            int e = at + 1;
            while (e < s.length() && s.charAt(e) != c) {
                if (c == '"' && s.charAt(e) == '\\') {
                    e++;
                }
                e++;
            }
            return e >= s.length() ? -1 : e + 1;
        }
        if (c == '\\' && at + 1 < s.length()) {
            return at + 2;
        }
        return at;
    }

    /** Whether {@code w} has, at {@code i} inside double quotes, a backslash that escapes the next character. */
    public static boolean escapesInDoubleQuotes(String w, int i) {
        return w.charAt(i) == '\\' && i + 1 < w.length() && DOUBLE_QUOTE_ESCAPES.indexOf(w.charAt(i + 1)) >= 0;
    }

    /** Where the variable name (letters, digits, underscores) starting at {@code at} ends. */
    public static int nameEnd(String w, int at) {
        int e = at;
        while (e < w.length() && (Character.isLetterOrDigit(w.charAt(e)) || w.charAt(e) == '_')) {
            e++;
        }
        return e;
    }

    /** An unquoted expansion's value split into fields on blanks, empty leading/trailing fields kept. */
    public static String[] fields(String value) {
        return value.split("[ \t\n]+", -1);
    }
}
