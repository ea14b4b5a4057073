package r4rescue.protocol.uboot;

import java.util.List;

/**
 * What one command printed (without the echo and the prompt), hush's exit status ({@code $?}),
 * and the lines that matched U-Boot's error texts.
 */
public record CommandResult(String command, String output, int status, List<String> errorLines) {

    /** The status when {@code $?} printed something that is not a number (the error lines say what). */
    public static final int UNKNOWN_STATUS = Integer.MIN_VALUE;

    /** True if the status is 0 and nothing in the output reads as an error. */
    public boolean ok() {
        return status == 0 && errorLines.isEmpty();
    }

    /** The output split into lines, without carriage returns. */
    public List<String> lines() {
        return output.isEmpty() ? List.of() : List.of(output.replace("\r", "").split("\n", -1));
    }

    /** Why it failed, in one line: the first error line, or the status. */
    public String failure() {
        if (!errorLines.isEmpty()) {
            return errorLines.get(0);
        }
        return status == 0 ? "" : "exit status " + status;
    }
}
