package r4rescue.procedure.steps;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A flag a user sets with Cancel; procedures look at it between steps that are safe to stop after. */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public void cancel() {
        cancelled.set(true);
        hooks.forEach(Runnable::run);
    }

    /** Runs {@code r} on cancel (at once if already cancelled): passes the request on to other procedures. */
    public void whenCancelled(Runnable r) {
        hooks.add(r);
        if (cancelled.get()) {
            r.run();
        }
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
