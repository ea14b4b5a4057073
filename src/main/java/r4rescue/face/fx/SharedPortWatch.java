package r4rescue.face.fx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import r4rescue.link.PortInfo;

/**
 * One port watch for the whole window, shared by every board tab and the bench (one lister, not
 * one per tab). Lists arrive on the FX thread, where {@link PortWatch} reports.
 */
public final class SharedPortWatch {

    private final PortWatch source;
    private final List<Consumer<List<PortInfo>>> listeners = new CopyOnWriteArrayList<>(); // a closing tab leaves from its own thread
    private List<PortInfo> last;

    public SharedPortWatch(PortWatch source) {
        this.source = source;
    }

    /** Starts the one watch (once the window is up). */
    public void start() {
        source.start(list -> {
            last = list;
            listeners.forEach(l -> l.accept(list));
        });
    }

    public void stop() {
        source.stop();
        listeners.clear();
    }

    /** Hears every new list, and the current one at once if there is one. */
    public void addListener(Consumer<List<PortInfo>> l) {
        listeners.add(l);
        if (last != null) {
            l.accept(last);
        }
    }

    /** The ports seen last (empty before the first report). */
    public List<PortInfo> ports() {
        return last == null ? List.of() : last;
    }

    /** A {@link PortWatch} for one tab's view model: starting it subscribes here, stopping unsubscribes. */
    public PortWatch forTab() {
        return new PortWatch() {
            private Consumer<List<PortInfo>> mine;

            @Override
            public void start(Consumer<List<PortInfo>> onChange) {
                mine = onChange;
                addListener(onChange);
            }

            @Override
            public void stop() {
                listeners.remove(mine);
            }
        };
    }
}
