package r4rescue.protocol.shell;

import java.util.regex.Pattern;

import r4rescue.console.Ansi;

/** Turns raw console text into what a command printed: no ANSI codes, no kernel log lines, no CRs. */
public final class ShellText {

    /**
     * A kernel console message: {@code [   12.345678] text} up to its newline. The kernel may start one
     * in the middle of a line a program was writing; removing it up to and including its newline
     * rejoins that line.
     */
    private static final Pattern KERNEL = Pattern.compile("\\[\\s*\\d+\\.\\d{6}\\] [^\n]*\n");

    private ShellText() {
    }

    public static String clean(CharSequence raw) {
        String s = Ansi.strip(raw);
        s = s.replace("\r", "");
        return KERNEL.matcher(s).replaceAll("");
    }

    /** True if the line looks like a kernel message (for boot timelines). */
    public static boolean isKernelLine(String line) {
        return KERNEL.matcher(line + "\n").lookingAt();
    }
}
