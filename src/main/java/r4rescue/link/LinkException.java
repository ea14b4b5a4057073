package r4rescue.link;

import java.io.IOException;

/** Opening or using a link failed, with a reason and a fix a user can act on. */
public class LinkException extends IOException {

    public enum Reason { NOT_FOUND, PERMISSION, BUSY, DISCONNECTED, OTHER }

    private final Reason reason;
    private final String fix;

    public LinkException(Reason reason, String message, String fix) {
        super(message);
        this.reason = reason;
        this.fix = fix;
    }

    public LinkException(Reason reason, String message, String fix, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.fix = fix;
    }

    public Reason reason() {
        return reason;
    }

    /** What the user can do about it, or null. */
    public String fix() {
        return fix;
    }

    @Override
    public String toString() {
        return fix == null ? getMessage() : getMessage() + " — " + fix;
    }
}
