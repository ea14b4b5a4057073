package r4rescue.procedure.flash;

/**
 * What a flash is doing, for a progress line, the wizard or a log.
 *
 * @param kind     what happened
 * @param step     the step it belongs to
 * @param message  a line for people (for COMMAND: the exact command line sent)
 * @param progress bytes done for long work (PROGRESS only), else null
 */
public record FlashEvent(Kind kind, FlashStep step, String message, Progress progress) {

    public enum Kind {
        /** A step begins. */
        STEP,
        /** The exact command sent to the board. */
        COMMAND,
        /** A check passed or a fact worth showing (sizes, CRCs, the place found). */
        INFO,
        /** Bytes done, rate and time left of a long transfer. */
        PROGRESS,
        /** Something the user should know that did not stop the procedure. */
        WARNING
    }

    /** Bytes done of {@code total}, the rate so far and the seconds left at that rate. */
    public record Progress(long bytes, long total, double bytesPerSecond, double secondsLeft) {
    }

    static FlashEvent of(Kind kind, FlashStep step, String message) {
        return new FlashEvent(kind, step, message, null);
    }
}
