package r4rescue.protocol.shell;

/** Quoting for POSIX shells (BusyBox ash): one word, whatever it contains. */
public final class Sh {

    private Sh() {
    }

    /** {@code it's} becomes {@code 'it'\''s'}. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
