package r4rescue.protocol.brom;

import java.io.IOException;

/** A failure of the Boot ROM or BL2 download, with its kind; the message says what was seen. */
public final class UartBootException extends IOException {

    private final UartFailure failure;

    public UartBootException(UartFailure failure, String detail) {
        super(failure.what() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.failure = failure;
    }

    public UartFailure failure() {
        return failure;
    }

    /** What happened and what to do, in two sentences. */
    public String explanation() {
        return getMessage() + " " + failure.fix();
    }
}
