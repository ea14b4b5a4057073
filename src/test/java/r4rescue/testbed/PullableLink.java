package r4rescue.testbed;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import r4rescue.link.Link;
import r4rescue.link.LinkException;
import r4rescue.link.LinkListener;
import r4rescue.link.LinkState;

/** Wraps a link so a test can pull the cable: after a byte budget, or on demand, and plug it back. */
public final class PullableLink extends DelegatingLink {

    private volatile LinkListener listener;
    private volatile boolean connected = true;
    private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);

    public PullableLink(Link inner) {
        super(inner);
    }

    /** Pulls the cable once {@code bytes} more bytes were written to the board. */
    public void pullAfter(long bytes) {
        budget.set(bytes);
    }

    public void pull() {
        if (connected) {
            connected = false;
            listener.onState(LinkState.DISCONNECTED, "cable pulled");
        }
    }

    public void plugIn() {
        budget.set(Long.MAX_VALUE);
        if (!connected) {
            connected = true;
            listener.onState(LinkState.OPEN, "reconnected");
        }
    }

    @Override
    public void open(LinkListener l) throws IOException {
        listener = l;
        super.open(l);
    }

    @Override
    protected void received(LinkListener to, byte[] data, int offset, int length) {
        if (connected) {
            to.onBytes(data, offset, length);
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (!connected) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, "cable pulled", "Plug the cable back in");
        }
        long left = budget.addAndGet(-length);
        if (left < 0) {
            int part = (int) Math.max(0, length + left);
            inner.write(data, offset, part);
            pull();
            throw new LinkException(LinkException.Reason.DISCONNECTED, "cable pulled", "Plug the cable back in");
        }
        inner.write(data, offset, length);
    }
}
