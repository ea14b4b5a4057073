package r4rescue.console.bootlog;

/**
 * One segment of the boot timeline a view draws (FX-free view model).
 *
 * @param startMs    time since power-on when the stage began, -1 if not reached
 * @param durationMs how long it lasted, -1 while running or unknown
 * @param line       1-based log line where it began, 0 if not reached
 */
public record TimelineSegment(Stage stage, State state, long startMs, long durationMs, long line) {

    /** PASSED = green, CURRENT = running now, FAILED = red (where the chain stopped), PENDING = not reached. */
    public enum State { PASSED, CURRENT, FAILED, PENDING }
}
