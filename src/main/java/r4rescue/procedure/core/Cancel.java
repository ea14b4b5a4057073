package r4rescue.procedure.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import r4rescue.protocol.CancellationToken;

/**
 * The user's wish to stop, honoured by the procedure at its own safe points; never a thread
 * interrupt (an interrupted wait would abandon a write the board is still doing). The first
 * request stops at the next point where stopping leaves the board in a known state; a second
 * request aborts at the next command even if that leaves the board damaged.
 */
public final class Cancel {

    private final AtomicInteger requests = new AtomicInteger();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    /** One more request: the first asks to stop safely, the second to abort now. */
    public void request() {
        requests.incrementAndGet();
        hooks.forEach(Runnable::run);
    }

    public boolean requested() {
        return requests.get() > 0;
    }

    /** A second request came: stop at the next command whatever it leaves behind. */
    public boolean abortNow() {
        return requests.get() > 1;
    }

    /** Runs {@code r} on every request (at once if one was made). */
    public void onRequest(Runnable r) {
        hooks.add(r);
        if (requested()) {
            r.run();
        }
    }

    /**
     * A protocol-level token that is set by the first request, for transfers below the procedure
     * layer (they cannot see this class) that stop between chunks.
     */
    public CancellationToken token() {
        CancellationToken t = new CancellationToken();
        onRequest(t::cancel);
        return t;
    }
}
