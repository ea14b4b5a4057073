package r4rescue.protocol.shell;

import java.util.regex.Pattern;

/** Turns raw console text into what a command printed: no ANSI codes, no kernel log lines, no CRs. */
public final class ShellText {

    /** CSI sequences (colours, ash's cursor query ESC[6n), OSC titles, two-byte escapes. */
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");
    /**
     * A kernel console message: {@code [   12.345678] text} up to its newline. The kernel may start one
     * in the middle of a line a program was writing; removing it up to and including its newline
     * rejoins that line.
     */
    private static final Pattern KERNEL = Pattern.compile("\\[\\s*\\d+\\.\\d{6}\\] [^\n]*\n");

    private ShellText() {
    }

    public static String clean(CharSequence raw) {
        String s = ANSI.matcher(raw).replaceAll("");
        s = s.replace("\r", "");
        return KERNEL.matcher(s).replaceAll("");
    }

    /** True if the line looks like a kernel message (for boot timelines). */
    public static boolean isKernelLine(String line) {
        return KERNEL.matcher(line + "\n").lookingAt();
    }
}
