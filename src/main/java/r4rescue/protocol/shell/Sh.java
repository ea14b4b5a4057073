package r4rescue.protocol.shell;

/** Quoting for POSIX shells (BusyBox ash): one word, whatever it contains. */
public final class Sh {

    private Sh() {
    }

    /**
     * {@code it's} becomes {@code 'it'\''s'}. Quotes protect a word from the shell, not from the line
     * editor it is typed into: BusyBox ash's editor acts on control characters wherever they stand (Enter
     * runs the line so far, ^U erases it, DEL and ^H edit it, ^C drops it, tab completes), so the rest of
     * the value would run as a command. Those, and the C1 controls a terminal may act on, are refused.
     */
    public static String quote(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new IllegalArgumentException("A shell command line cannot carry the control character 0x"
                        + Integer.toHexString(c) + (c == '\n' ? " (newline)" : "") + " at position " + i);
            }
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * {@code commands} as one command that runs them in order and fails with the status of the first
     * that fails, a pipe failing when any of its stages does ({@code set -o pipefail}; OpenWrt's BusyBox
     * ash has it, ASH_BASH_COMPAT=y). A shell without pipefail fails at {@code set} instead of letting a
     * failed stage pass. Each command is braced, so one that holds {@code ;} or {@code ||} stays whole.
     * Runs in a subshell: the option does not outlive the command.
     */
    public static String all(String... commands) {
        StringBuilder b = new StringBuilder("(set -o pipefail");
        for (String c : commands) {
            b.append(" && { ").append(c).append("; }");
        }
        return b.append(')').toString();
    }
}
