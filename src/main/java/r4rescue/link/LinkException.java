package r4rescue.link;

import java.io.IOException;

/** Opening or using a link failed, with a reason and a fix a user can act on. */
public class LinkException extends IOException {

    public enum Reason { NOT_FOUND, PERMISSION, BUSY, DISCONNECTED, OTHER }

    private final Reason reason;
    private final String fix;
    private final String command;

    public LinkException(Reason reason, String message, String fix) {
        this(reason, message, fix, (String) null);
    }

    /** With {@code command}: the one shell command that fixes it, for a "Copy command" button. */
    public LinkException(Reason reason, String message, String fix, String command) {
        super(message);
        this.reason = reason;
        this.fix = fix;
        this.command = command;
    }

    public LinkException(Reason reason, String message, String fix, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.fix = fix;
        this.command = null;
    }

    public Reason reason() {
        return reason;
    }

    /** What the user can do about it, or null. */
    public String fix() {
        return fix;
    }

    /** A shell command that applies the fix, or null. */
    public String command() {
        return command;
    }

    @Override
    public String toString() {
        return fix == null ? getMessage() : getMessage() + " — " + fix;
    }
}
