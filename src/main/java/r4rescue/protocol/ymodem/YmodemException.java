package r4rescue.protocol.ymodem;

import java.io.IOException;

/** A transfer failed or was cancelled; the message says which and at what block. */
public class YmodemException extends IOException {

    private final boolean cancelled;

    public YmodemException(String message, boolean cancelled) {
        super(message);
        this.cancelled = cancelled;
    }

    /** True if either side cancelled on purpose (CAN CAN), false for timeouts and too many errors. */
    public boolean cancelled() {
        return cancelled;
    }
}
