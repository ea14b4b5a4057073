package r4rescue.face.fx;

import java.util.regex.Pattern;

/**
 * Lines that are the program's own command framing, not the board's output: the echo of a command
 * it typed ({@code CMD; echo R4"="$?=6} at U-Boot, {@code echo R4abc''7S; CMD; echo R4abc''7E $?}
 * at a shell) and the markers they print ({@code R4=0=6}, {@code R4abc7S}, {@code R4abc7E 0}).
 * The console pane draws them quietly so it reads like the board's output; the session log keeps
 * every byte. The patterns follow UBootSession's and ShellDriver's framing.
 */
final class ConsoleFraming {

    private static final Pattern ECHO = Pattern.compile("echo R4(?:\"=\"\\$\\?=\\d+|[0-9a-z]{4}''\\d+[SE])");
    private static final Pattern MARKER = Pattern.compile("^\\s*R4(?:=-?\\d+=\\d+|[0-9a-z]{4}\\d+(?:S|E \\d+))\\s*$");

    private ConsoleFraming() {
    }

    static boolean isFraming(String line) {
        if (!line.contains("R4")) {
            return false;
        }
        return ECHO.matcher(line).find() || MARKER.matcher(line).matches();
    }
}
