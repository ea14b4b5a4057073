package r4rescue.console;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import r4rescue.link.LinkState;

/** Hands chunks to a sink on a daemon thread of its own, so a slow sink never stalls the link. */
final class AsyncSubscriber implements Console.Subscriber, Subscription {

    private static final Object STOP = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final ByteSink sink;
    private final Consumer<AsyncSubscriber> onClose;

    AsyncSubscriber(String name, ByteSink sink, Consumer<AsyncSubscriber> onClose) {
        this.sink = sink;
        this.onClose = onClose;
        Thread t = new Thread(this::run, "console-" + name);
        t.setDaemon(true);
        t.start();
    }

    private record StateEvent(LinkState state, String detail) {
    }

    @Override
    public void offer(byte[] chunk) {
        pending.addAndGet(chunk.length);
        queue.add(chunk);
    }

    @Override
    public void state(LinkState state, String detail) {
        queue.add(new StateEvent(state, detail));
    }

    private void run() {
        try {
            while (true) {
                Object o = queue.take();
                if (o == STOP) {
                    return;
                }
                if (o instanceof byte[] chunk) {
                    pending.addAndGet(-chunk.length);
                    sink.onBytes(chunk);
                } else if (o instanceof StateEvent e) {
                    sink.onState(e.state(), e.detail());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        onClose.accept(this);
        queue.add(STOP);
    }

    @Override
    public long pendingBytes() {
        return pending.get();
    }
}
