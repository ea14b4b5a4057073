package r4rescue.procedure.flash;

/** The file or the request is wrong for this board; refused before anything was written (exit code 2). */
public class FlashRefused extends Exception {

    private final boolean boardAsked;

    public FlashRefused(String message) {
        this(message, false);
    }

    /** {@code boardAsked}: read-only commands (mtd list, ubi info...) were sent before the refusal. */
    public FlashRefused(String message, boolean boardAsked) {
        super(message);
        this.boardAsked = boardAsked;
    }

    /** True if the board was asked about its storage (read-only) before the refusal; nothing was written either way. */
    public boolean boardAsked() {
        return boardAsked;
    }
}
