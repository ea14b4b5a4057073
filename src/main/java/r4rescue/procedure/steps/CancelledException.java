package r4rescue.procedure.steps;

/** The user cancelled; the message says the state the board was left in. */
public final class CancelledException extends RuntimeException {

    public CancelledException(String safeState) {
        super(safeState);
    }
}
