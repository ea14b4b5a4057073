package r4rescue.protocol;

import java.util.concurrent.CancellationException;

/** Asked for between steps and chunks: long work stops at the next safe point when it is set. */
public final class CancellationToken {

    private volatile boolean cancelled;

    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws if cancelled; {@code where} names the safe point reached, for the user. */
    public void check(String where) {
        if (cancelled) {
            throw new CancellationException("Cancelled " + where);
        }
    }
}
