package r4rescue.procedure.steps;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag a user sets with Cancel; procedures look at it between steps that are safe to stop after. */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    /** Throws {@link CancelledException} with {@code safeState} (what the board is left as) if cancelled. */
    public void check(String safeState) {
        if (cancelled()) {
            throw new CancelledException(safeState);
        }
    }
}
