package r4rescue.procedure.core;

import r4rescue.link.LinkException;
import r4rescue.protocol.uboot.NoAnswerException;
import r4rescue.protocol.ymodem.YmodemException;

/**
 * A procedure stopped before its end: why ({@link Kind}), in which step, the message (which
 * already says what the board said and what to do), and the state the board is left in.
 */
public class Stopped extends Exception {

    public enum Kind {
        /** The input or request is wrong; refused before anything was changed. */
        REFUSED,
        /** The board answered with an error, or a check (CRC, read-back) failed. */
        BOARD_SAID_NO,
        /** The link was lost or the board stopped answering. */
        NO_ANSWER,
        /** The user cancelled. */
        CANCELLED
    }

    private final Kind kind;
    private final String step;
    private final BoardState state;

    public Stopped(Kind kind, String step, String message, BoardState state, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.step = step;
        this.state = state;
    }

    /** BOARD_SAID_NO or NO_ANSWER, read from what went wrong underneath. */
    public static Kind kindOf(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof LinkException || c instanceof NoAnswerException
                    || c instanceof YmodemException y && !y.cancelled()) {
                return Kind.NO_ANSWER;
            }
        }
        return Kind.BOARD_SAID_NO;
    }

    public Kind kind() {
        return kind;
    }

    public String step() {
        return step;
    }

    public BoardState state() {
        return state;
    }

    public boolean noAnswer() {
        return kind == Kind.NO_ANSWER;
    }

    /** The command line's exit code for this stop ({@link ExitCodes}). */
    public int exitCode() {
        return ExitCodes.of(this);
    }
}
