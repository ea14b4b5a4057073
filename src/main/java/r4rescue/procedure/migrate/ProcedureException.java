package r4rescue.procedure.migrate;

/**
 * A procedure stopped: a check failed, the board said no, or the input was refused. Says which step,
 * why, and the state the board is left in.
 */
public class ProcedureException extends Exception {

    public enum Cause { REFUSED, BOARD_SAID_NO, CANCELLED }

    private final Cause cause;
    private final String step;
    private final String boardState;

    public ProcedureException(Cause cause, String step, String message, String boardState) {
        super(message);
        this.cause = cause;
        this.step = step;
        this.boardState = boardState;
    }

    public Cause kind() {
        return cause;
    }

    public String step() {
        return step;
    }

    /** What the board is like now, in words for the user. */
    public String boardState() {
        return boardState;
    }

    @Override
    public String toString() {
        return step + ": " + getMessage() + (boardState == null ? "" : " — board: " + boardState);
    }
}
