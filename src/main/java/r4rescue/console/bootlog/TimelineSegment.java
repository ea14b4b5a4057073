package r4rescue.console.bootlog;

/**
 * One segment of the boot timeline a view draws (FX-free view model).
 *
 * @param startMs    time since power-on when the stage began, -1 if not reached
 * @param durationMs how long it lasted, -1 while running or unknown
 * @param line       1-based log line where it began, 0 if not reached
 */
public record TimelineSegment(Stage stage, State state, long startMs, long durationMs, long line) {

    /**
     * PASSED = green, CURRENT = running now, FAILED = red (where the chain stopped), PENDING = not
     * reached, INTERRUPTED = a restart ended the boot in this stage before it finished or failed.
     */
    public enum State { PASSED, CURRENT, FAILED, PENDING, INTERRUPTED }

    /** This segment as part of a boot a restart has ended: nothing in it runs any more. */
    public TimelineSegment ended() {
        return state == State.CURRENT ? new TimelineSegment(stage, State.INTERRUPTED, startMs, durationMs, line) : this;
    }
}
