package r4rescue.console;

import java.io.IOException;
import java.util.Optional;

import r4rescue.link.BenchControls;
import r4rescue.link.Link;
import r4rescue.link.LinkListener;
import r4rescue.link.LinkState;

/** A link that records what is sent to the board in the session's {@link SessionSteps}. */
public final class RecordingLink implements Link {

    private final Link inner;
    private final SessionSteps steps;

    public RecordingLink(Link inner, SessionSteps steps) {
        this.inner = inner;
        this.steps = steps;
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void open(LinkListener listener) throws IOException {
        inner.open(new LinkListener() {
            @Override
            public void onBytes(byte[] data, int offset, int length) {
                steps.received(data, offset, length); // first, so a password typed at once is already hidden
                listener.onBytes(data, offset, length);
            }

            @Override
            public void onState(LinkState state, String detail) {
                listener.onState(state, detail);
            }
        });
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        steps.sent(data, offset, length);
        inner.write(data, offset, length);
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
    public Optional<BenchControls> bench() {
        return inner.bench();
    }

    @Override
    public Link unwrapped() {
        return inner.unwrapped();
    }

    @Override
    public void close() {
        inner.close();
    }
}
