package r4rescue.protocol.shell;

import java.io.IOException;

/** The shell did not answer as expected: no prompt, a timeout, or a command that failed. */
public class ShellException extends IOException {

    private final transient ShellResult result;

    public ShellException(String message) {
        this(message, null);
    }

    public ShellException(String message, ShellResult result) {
        super(message);
        this.result = result;
    }

    /** The failed command's result, or null if it never finished. */
    public ShellResult result() {
        return result;
    }
}
