package r4rescue.procedure.flash;

import java.io.IOException;

/**
 * A flash stopped: at which step, what the flash now holds ({@link #state()}), and the message,
 * which already says what the board said and what to do next.
 */
public class FlashException extends IOException {

    private final FlashState state;
    private final FlashStep step;

    public FlashException(FlashState state, FlashStep step, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
        this.step = step;
    }

    /** Stops a flash the user cancelled while nothing was erased yet (both the U-Boot and the shell route check here). */
    static void ifCancelled(r4rescue.protocol.CancellationToken cancel, FlashStep step) throws FlashException {
        if (cancel.isCancelled()) {
            throw new FlashException(FlashState.UNTOUCHED, step,
                    "Cancelled before the erase. Flash untouched: nothing was erased or written.", null);
        }
    }

    public FlashState state() {
        return state;
    }

    public FlashStep step() {
        return step;
    }

    /** True when the link was lost or the board stopped answering (exit code 3), not a refusal by the board. */
    public boolean noAnswer() {
        for (Throwable c = getCause(); c != null; c = c.getCause()) {
            if (c instanceof r4rescue.link.LinkException || c instanceof r4rescue.protocol.uboot.NoAnswerException
                    || c instanceof r4rescue.protocol.ymodem.YmodemException y && !y.cancelled()) {
                return true;
            }
        }
        return false;
    }
}
