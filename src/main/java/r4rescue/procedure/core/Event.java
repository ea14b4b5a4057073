package r4rescue.procedure.core;

/**
 * What a procedure is doing, for a progress line, the wizard or a log.
 *
 * @param kind     what happened
 * @param step     the label of the step it belongs to
 * @param message  a line for people (COMMAND: the exact command line sent)
 * @param progress bytes done, rate and time left (PROGRESS only), else null
 * @param state    the board's new state (STATE only), else null
 * @param stepId   the step label's bundle key, for code that matches a step whatever the language ("proc.said"
 *                 for words not ours; null when the event was made without one)
 */
public record Event(Kind kind, String step, String message, Progress progress, BoardState state, String stepId) {

    public Event(Kind kind, String step, String message, Progress progress, BoardState state) {
        this(kind, step, message, progress, state, null);
    }

    public enum Kind {
        /** A step begins. */
        STEP,
        /** The exact command sent to the board. */
        COMMAND,
        /** A check passed or a fact worth showing. */
        INFO,
        /** Something the user should know that did not stop the procedure. */
        WARNING,
        /** Bytes done of a long transfer, its rate and time left. */
        PROGRESS,
        /** The board's state changed (an erase began, a part was verified). */
        STATE
    }

    public static Event of(Kind kind, String step, String message) {
        return new Event(kind, step, message, null, null);
    }
}
