package r4rescue.face.fx;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.application.Platform;

import r4rescue.link.Links;
import r4rescue.link.PortInfo;

/**
 * Asks the link layer for the port list every two seconds on a background thread and reports
 * changes. Stands in until an event-driven port watcher exists; the window only sees {@link PortWatch}.
 */
public final class PollingPortWatch implements PortWatch {

    private final Supplier<List<PortInfo>> lister;
    private final long periodMs;
    private ScheduledExecutorService timer;
    private List<PortInfo> last;

    public PollingPortWatch() {
        this(Links::list, 2000);
    }

    public PollingPortWatch(Supplier<List<PortInfo>> lister, long periodMs) {
        this.lister = lister;
        this.periodMs = periodMs;
    }

    @Override
    public synchronized void start(Consumer<List<PortInfo>> onChange) {
        stop();
        last = null;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "port-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            List<PortInfo> now;
            try {
                now = List.copyOf(lister.get());
            } catch (RuntimeException e) {
                return; // a failing enumeration must not stop the watch; try again next period
            }
            if (!now.equals(last)) {
                last = now;
                Platform.runLater(() -> onChange.accept(now));
            }
        }, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
