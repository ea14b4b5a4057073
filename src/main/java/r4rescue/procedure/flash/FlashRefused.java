package r4rescue.procedure.flash;

import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Stopped;
import r4rescue.util.Message;

/**
 * The file or the request is wrong for this board: a {@link Stopped} of kind REFUSED, before
 * anything was written (exit code 2). Its own type because the file check runs before any
 * procedure exists and callers tell a refusal from a failure by it.
 */
public class FlashRefused extends Stopped {

    private final boolean boardAsked;

    public FlashRefused(String message) {
        this(Stopped.said(message), false);
    }

    public FlashRefused(Message message) {
        this(message, false);
    }

    public FlashRefused(String message, boolean boardAsked) {
        this(Stopped.said(message), boardAsked);
    }

    /** {@code boardAsked}: read-only commands (mtd list, ubi info...) were sent before the refusal. */
    public FlashRefused(Message message, boolean boardAsked) {
        super(Kind.REFUSED, FlashStep.VALIDATE.message(), message,
                BoardState.untouched(Message.of("proc.flash.nothingWasWrittenThe")), null);
        this.boardAsked = boardAsked;
    }

    /** True if the board was asked about its storage (read-only) before the refusal; nothing was written either way. */
    public boolean boardAsked() {
        return boardAsked;
    }
}
