package r4rescue.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import r4rescue.link.Link;
import r4rescue.link.LinkListener;
import r4rescue.link.LinkState;

/**
 * The console over one link: fans received bytes out to many consumers without ever blocking
 * the link's reader thread (each consumer has its own queue), and sends bytes to the board.
 * Protocols read through a {@link Tap}; views and loggers {@link #subscribe}.
 */
public final class Console implements AutoCloseable {

    private final Link link;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<LinkState, String>> stateListeners = new CopyOnWriteArrayList<>();
    private volatile LinkState state = LinkState.CLOSED;

    public Console(Link link) {
        this.link = link;
    }

    public Link link() {
        return link;
    }

    public LinkState state() {
        return state;
    }

    /** Opens the link; from now on every received byte reaches every subscriber and tap, in order. */
    public void open() throws IOException {
        link.open(new LinkListener() {
            @Override
            public void onBytes(byte[] data, int offset, int length) {
                if (length <= 0) {
                    return;
                }
                byte[] copy = new byte[length];
                System.arraycopy(data, offset, copy, 0, length);
                for (Subscriber s : subscribers) {
                    s.offer(copy);
                }
            }

            @Override
            public void onState(LinkState newState, String detail) {
                state = newState;
                for (Subscriber s : subscribers) {
                    s.state(newState, detail);
                }
                for (BiConsumer<LinkState, String> l : stateListeners) {
                    l.accept(newState, detail);
                }
            }
        });
    }

    /**
     * Registers a consumer called on its own thread, in arrival order. The returned handle stops it.
     */
    public Subscription subscribe(String name, ByteSink sink) {
        AsyncSubscriber s = new AsyncSubscriber(name, sink, subscribers::remove);
        subscribers.add(s);
        return s;
    }

    /** A blocking reader of what arrives from now on, for protocols. Close it when done. */
    public Tap tap() {
        Tap t = new Tap(subscribers::remove);
        subscribers.add(t);
        return t;
    }

    /** Called on the link's thread for OPEN/DISCONNECTED/RECONNECTING/CLOSED; must return quickly. */
    public void addStateListener(BiConsumer<LinkState, String> listener) {
        stateListeners.add(listener);
    }

    public void removeStateListener(BiConsumer<LinkState, String> listener) {
        stateListeners.remove(listener);
    }

    public void send(byte[] data) throws IOException {
        link.write(data, 0, data.length);
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        link.close();
        for (Subscriber s : subscribers) {
            s.state(LinkState.CLOSED, null);
        }
    }

    /** Something that receives a copy of every byte chunk. */
    interface Subscriber {
        void offer(byte[] chunk);

        void state(LinkState state, String detail);
    }
}
