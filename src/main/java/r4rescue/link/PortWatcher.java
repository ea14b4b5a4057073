package r4rescue.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Polls the port list on a daemon thread and tells listeners when ports appear or disappear
 * (an adapter plugged in or out). Listeners are called on the watcher's thread.
 */
public final class PortWatcher implements AutoCloseable {

    /** The list changed: {@code now} is the whole new list. */
    public interface Listener {
        void portsChanged(List<PortInfo> now, List<PortInfo> added, List<PortInfo> removed);
    }

    private final Supplier<List<PortInfo>> source;
    private final long intervalMillis;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile List<PortInfo> last = List.of();
    private volatile boolean running;
    private Thread thread;

    /** Watches {@link Links#list()} once a second. */
    public PortWatcher() {
        this(Links::list, 1000);
    }

    public PortWatcher(Supplier<List<PortInfo>> source, long intervalMillis) {
        this.source = source;
        this.intervalMillis = intervalMillis;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** The list as last seen. */
    public List<PortInfo> ports() {
        return last;
    }

    /** Takes the first list now (listeners hear it as all added), then polls. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        poll();
        thread = new Thread(this::run, "port-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            poll();
        }
    }

    /** One look at the list; public so a "refresh" button can ask now. */
    public void poll() {
        List<PortInfo> now;
        try {
            now = List.copyOf(source.get());
        } catch (RuntimeException e) {
            return; // A failed enumeration is not a change; try again next time.
        }
        List<PortInfo> before = last;
        List<PortInfo> added = minus(now, before);
        List<PortInfo> removed = minus(before, now);
        last = now;
        if (!added.isEmpty() || !removed.isEmpty()) {
            for (Listener l : listeners) {
                l.portsChanged(now, added, removed);
            }
        }
    }

    /** Ports of {@code a} whose spec is not in {@code b}. */
    private static List<PortInfo> minus(List<PortInfo> a, List<PortInfo> b) {
        List<PortInfo> r = new ArrayList<>();
        for (PortInfo p : a) {
            if (b.stream().noneMatch(q -> Objects.equals(q.spec(), p.spec()))) {
                r.add(p);
            }
        }
        return r;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
