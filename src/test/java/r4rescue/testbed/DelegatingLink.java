package r4rescue.testbed;

import java.io.IOException;

import r4rescue.link.Link;
import r4rescue.link.LinkListener;
import r4rescue.link.LinkState;

/** A test link wrapped around another: forwards everything, and lets subclasses change the bytes each way. */
abstract class DelegatingLink implements Link {

    protected final Link inner;

    protected DelegatingLink(Link inner) {
        this.inner = inner;
    }

    /** Hands bytes read from {@link #inner} on to {@code to}, changed (or not) as the subclass wants. */
    protected abstract void received(LinkListener to, byte[] data, int offset, int length);

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void open(LinkListener l) throws IOException {
        inner.open(new LinkListener() {
            @Override
            public void onBytes(byte[] data, int offset, int length) {
                received(l, data, offset, length);
            }

            @Override
            public void onState(LinkState state, String detail) {
                l.onState(state, detail);
            }
        });
    }

    @Override
    public int baud() {
        return inner.baud();
    }

    @Override
    public void setBaud(int baud) throws IOException {
        inner.setBaud(baud);
    }

    @Override
    public void sendBreak(int millis) throws IOException {
        inner.sendBreak(millis);
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() {
        inner.close();
    }
}
