package r4rescue.protocol.uboot;

import java.io.IOException;

/** U-Boot refused a command or a check failed; the message says which, with U-Boot's own words. */
public class UBootException extends IOException {

    private final transient CommandResult result;

    public UBootException(String message) {
        this(message, null);
    }

    public UBootException(String message, CommandResult result) {
        super(message);
        this.result = result;
    }

    /** The failed command's result, or null if the failure was not one command's. */
    public CommandResult result() {
        return result;
    }
}
