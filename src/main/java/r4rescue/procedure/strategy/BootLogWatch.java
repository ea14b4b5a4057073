package r4rescue.procedure.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.console.Console;
import r4rescue.console.LineSplitter;
import r4rescue.console.Subscription;
import r4rescue.console.bootlog.BootDiagnosis;
import r4rescue.console.bootlog.BootEvent;
import r4rescue.console.bootlog.BootLogObserver;
import r4rescue.console.bootlog.Stage;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;

/**
 * Reads the board's own words while it boots: a {@link BootLogObserver} fed from the console, and
 * waits for what a procedure needs to see (BL2's boot device, a stage, the root mounted, a failure).
 */
public final class BootLogWatch implements AutoCloseable {

    /** What one boot showed since {@link #mark()}: the device BL2 named, the furthest stage, the verdict. */
    public record Seen(String bootDevice, Stage stage, BootEvent failure, String lastText) {
        public boolean from(String device) {
            return device.equals(bootDevice);
        }
    }

    /** The kernel's partition scan line, e.g. {@code " nvme0n1: p1 p2 p3"}. */
    private static final Pattern KERNEL_PARTITIONS = Pattern.compile("\\s(nvme\\d+n\\d+|mmcblk\\d+):((?: p\\d+)*)\\s*$");

    private static final long TICK_MS = 500;
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "boot-watch-tick");
        t.setDaemon(true);
        return t;
    });

    private final Object feedLock = new Object();
    private final ScheduledFuture<?> ticks;
    private final LineSplitter feeder = new LineSplitter(4096, this::feed);
    private BootLogObserver observer = newObserver();
    private final List<BootEvent> events = new ArrayList<>();
    private final List<Consumer<BootEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Subscription subscription;
    private final Map<String, List<String>> partitions = new LinkedHashMap<>();
    private int mark;
    private String lastText = "";

    public BootLogWatch(Console console) {
        subscription = console.subscribe("boot-watch", feeder);
        ticks = TICKER.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Lets the observer notice silence and hangs (a kernel waiting for its root prints nothing more). */
    private void tick() {
        synchronized (feedLock) {
            observer.tick(System.currentTimeMillis());
        }
    }

    private void feed(String line, long time) {
        synchronized (feedLock) {
            observer.accept(line, time);
        }
        synchronized (this) {
            if (!line.isBlank()) {
                lastText = line.strip();
            }
            Matcher m = KERNEL_PARTITIONS.matcher(line);
            if (m.find()) {
                List<String> parts = new ArrayList<>();
                for (String p : m.group(2).trim().split("\\s+")) {
                    if (!p.isEmpty()) {
                        parts.add("/dev/" + m.group(1) + p);
                    }
                }
                partitions.put(m.group(1), parts);
            }
        }
    }

    private void onEvent(BootEvent e) {
        synchronized (this) {
            events.add(e);
            notifyAll();
        }
        for (Consumer<BootEvent> l : listeners) {
            l.accept(e);
        }
    }

    /** Hears every event as it comes, on the console's delivery thread; must return quickly. */
    public void addListener(Consumer<BootEvent> l) {
        listeners.add(l);
    }

    private BootLogObserver newObserver() {
        BootLogObserver o = new BootLogObserver();
        o.addListener(this::onEvent);
        o.start(System.currentTimeMillis());
        return o;
    }

    /**
     * From now on only new events count (call before asking for a power cycle). The observer
     * starts afresh too: power cycles the user was asked for are not a reset loop.
     */
    public void mark() {
        feeder.dropPartial();
        synchronized (feedLock) {
            observer = newObserver();
        }
        synchronized (this) {
            mark = events.size();
        }
    }

    /** The observer's whole verdict so far. */
    public BootDiagnosis diagnosis() {
        synchronized (feedLock) {
            return observer.snapshot();
        }
    }

    /**
     * Waits for an event matching {@code until} after the mark; returns it, or null after
     * {@code timeoutMs}. Only listens, so it is a safe point of {@code p}: a cancel stops it there.
     */
    public synchronized BootEvent await(Predicate<BootEvent> until, long timeoutMs, Procedure p)
            throws InterruptedException, Stopped {
        long end = System.currentTimeMillis() + timeoutMs;
        int seen = mark;
        while (true) {
            for (; seen < events.size(); seen++) {
                if (until.test(events.get(seen))) {
                    return events.get(seen);
                }
            }
            p.checkpoint();
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(Math.min(left, 100));
        }
    }

    /** Partitions the kernel listed at its last boot, by disk ({@code nvme0n1} → {@code /dev/nvme0n1p1}…). */
    public synchronized Map<String, List<String>> partitionsSeen() {
        return new LinkedHashMap<>(partitions);
    }

    /** A summary of the boot since the mark. */
    public synchronized Seen seen() {
        String device = null;
        Stage stage = Stage.NONE;
        BootEvent failure = null;
        for (BootEvent e : events.subList(mark, events.size())) {
            if (e.kind() == BootEvent.Kind.POWER_ON) {
                device = null;
                failure = null;
                stage = Stage.BOOTROM;
            }
            if (e.kind() == BootEvent.Kind.BOOT_DEVICE && (device == null || e.stage() != Stage.BOOTROM)) {
                device = e.value();
            }
            if (e.stage() != null && stage.isBefore(e.stage())) {
                stage = e.stage();
            }
            if (e.kind() == BootEvent.Kind.FAILURE || e.kind() == BootEvent.Kind.RESET_LOOP) {
                failure = e;
            }
        }
        return new Seen(device, stage, failure, lastText);
    }

    @Override
    public void close() {
        ticks.cancel(false);
        subscription.close();
    }
}
