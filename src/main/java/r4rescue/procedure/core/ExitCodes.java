package r4rescue.procedure.core;

/** The command line's exit codes, and the one mapping from a stopped procedure to them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The board said no, a check failed, or a cancel came after the board was changed. */
    public static final int FAILED = 1;
    /** Refused before anything was sent. */
    public static final int REFUSED = 2;
    /** No link or no answer. */
    public static final int NO_LINK = 3;
    /** Stopped by the user (Ctrl-C: 128 + SIGINT) with the board untouched. */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }

    public static int of(Stopped s) {
        return switch (s.kind()) {
            case REFUSED -> REFUSED;
            case NO_ANSWER -> NO_LINK;
            case BOARD_SAID_NO -> FAILED;
            case CANCELLED -> s.state().kind() == BoardState.Kind.UNTOUCHED ? CANCELLED : FAILED;
        };
    }
}
