package r4rescue.console.bootlog;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;

import r4rescue.console.ByteSink;
import r4rescue.console.TerminalDecoder;
import r4rescue.link.LinkState;

/**
 * Feeds a live console to a {@link BootLogObserver}: subscribe it to the console as a
 * {@link ByteSink} and {@link #start} its clock. Bytes are decoded as UTF-8 (bad bytes become
 * U+FFFD, a character split over two chunks is joined) and cut into lines; ANSI escapes stay in the
 * line for the observer's cleaner to drop.
 *
 * <p>Line ends: LF, CRLF, or a CR followed by something else when the line has text (a CR at the
 * start of a line does nothing, as on a terminal). An unfinished line (a prompt such as
 * {@code MT7988> }, an autoboot countdown, a boot that hangs mid-line) is handed over once nothing
 * has arrived for {@code idleMs}; it is then final: whatever arrives later on the same terminal
 * line is handed over as the next line. So every character reaches the observer exactly once.
 *
 * <p>The observer is not thread-safe: the console's delivery thread and the clock thread take
 * turns under this object's lock; neither ever touches the link, so a slow observer delays only
 * this sink's own queue.
 */
public final class BootLogFeed implements ByteSink, AutoCloseable {

    /** Called after the observer's state changed, on the feeding thread while it is locked: must return quickly. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param diagnosis   the observer's snapshot now
         * @param sinceBootMs time since the current boot's power-on (or first line), -1 before any line
         */
        void onChange(BootDiagnosis diagnosis, long sinceBootMs);
    }

    public static final long DEFAULT_IDLE_MS = 150;
    public static final long DEFAULT_TICK_MS = 500;
    private static final long POLL_MS = 50;
    /** Longest line handed over in one piece; longer runs (noise without line ends) are cut. */
    static final int MAX_LINE = 4096;
    private static final int HINTS = 1 << 16;

    private final BootLogObserver observer;
    private final ObjLongConsumer<String> sink;
    private final LongSupplier clock;
    private final LongSupplier consoleSeq;
    private final long idleMs;
    private final long tickMs;
    private final TerminalDecoder decoder = new TerminalDecoder();
    private final StringBuilder line = new StringBuilder();
    private final long[] hintLine = new long[HINTS];
    private final long[] hintSeq = new long[HINTS];
    private volatile Listener listener = (d, t) -> { };
    /** The latest raw bytes, for the wrong-baud guess when the observer calls the line noise. */
    private final byte[] rawSample = new byte[8192];
    private int rawCount;
    private java.util.function.IntSupplier captureBaud = () -> 115200;
    private ScheduledExecutorService scheduler;

    private boolean pendingCr;
    private long lastByte;
    private long lastTick;
    private long lines;
    private long bootStart = Long.MIN_VALUE;
    private boolean changed;
    private boolean closed;

    /**
     * @param consoleSeq where the console view is (e.g. its model's last line number) when a line
     *                   completes, recorded as a hint for {@link #consoleSeqHint}; null for none
     */
    public BootLogFeed(BootLogObserver observer, LongSupplier clock, LongSupplier consoleSeq, long idleMs, long tickMs) {
        this(observer, observer::accept, clock, consoleSeq, idleMs, tickMs);
    }

    /** With the lines going to {@code sink} instead of the observer (tests watch the cutting). */
    BootLogFeed(BootLogObserver observer, ObjLongConsumer<String> sink, LongSupplier clock, LongSupplier consoleSeq,
                long idleMs, long tickMs) {
        this.observer = observer;
        this.sink = sink;
        this.clock = clock;
        this.consoleSeq = consoleSeq;
        this.idleMs = idleMs;
        this.tickMs = tickMs;
        observer.addListener(e -> {
            changed = true;
            bootStart = clock.getAsLong() - e.sinceBootMs();
        });
        observer.setNoiseExplainer(this::guessBaud);
    }

    /** The rate the link receives at, for naming the board's rate when its output is noise. */
    public void setCaptureBaud(java.util.function.IntSupplier baud) {
        captureBaud = baud;
    }

    /** Runs under this object's lock (the observer is called from onBytes/poll). */
    private r4rescue.util.Message guessBaud() {
        byte[] sample = java.util.Arrays.copyOf(rawSample, Math.min(rawCount, rawSample.length));
        BaudGuesser.Guess g = BaudGuesser.standard().guess(sample, captureBaud.getAsInt());
        return g.rate() == 0 ? null : g.note();
    }

    public BootLogFeed(BootLogObserver observer, LongSupplier consoleSeq) {
        this(observer, System::currentTimeMillis, consoleSeq, DEFAULT_IDLE_MS, DEFAULT_TICK_MS);
    }

    private void keepRaw(byte[] chunk) {
        // Only the first bytes of a session matter: noise is judged before anything is recognised.
        if (rawCount < rawSample.length) {
            int take = Math.min(chunk.length, rawSample.length - rawCount);
            System.arraycopy(chunk, 0, rawSample, rawCount, take);
            rawCount += take;
        }
    }

    public void setListener(Listener l) {
        listener = l == null ? (d, t) -> { } : l;
    }

    public BootLogObserver observer() {
        return observer;
    }

    /** Starts the silence clock and a daemon thread that flushes idle lines and ticks the observer. */
    public synchronized void start() {
        long now = clock.getAsLong();
        observer.start(now);
        lastTick = now;
        lastByte = now;
        if (scheduler == null && !closed) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bootlog-clock");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void onBytes(byte[] chunk) {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        lastByte = now;
        keepRaw(chunk);
        int n = decoder.decode(chunk, 0, chunk.length);
        char[] cs = decoder.chars();
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            if (c == '\n') {
                pendingCr = false;
                emit(now);
            } else if (c == '\r') {
                pendingCr = true;
            } else {
                if (pendingCr) {
                    pendingCr = false;
                    if (line.length() > 0) {
                        emit(now);
                    }
                }
                line.append(c);
                if (line.length() >= MAX_LINE) {
                    emit(now);
                }
            }
        }
        publish(now);
    }

    @Override
    public synchronized void onState(LinkState state, String detail) {
        if (state == LinkState.CLOSED) {
            flush(clock.getAsLong());
        }
    }

    /**
     * The clock's work, also callable directly (tests): hands over an unfinished line quiet for
     * idleMs, and ticks the observer every tickMs for silence and hang detection.
     */
    public synchronized void poll() {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        if (line.length() > 0 && now - lastByte >= idleMs) {
            emit(now);
        }
        if (now - lastTick >= tickMs) {
            lastTick = now;
            observer.tick(now);
            if (bootStart != Long.MIN_VALUE) {
                changed = true; // the running stage's clock moves on
            }
        }
        publish(now);
    }

    /** Hands over the unfinished line now (end of session). */
    public synchronized void flush(long now) {
        if (line.length() > 0) {
            emit(now);
        }
        pendingCr = false;
        publish(now);
    }

    private void emit(long now) {
        lines++;
        int slot = (int) (lines & (HINTS - 1));
        hintLine[slot] = lines;
        hintSeq[slot] = consoleSeq == null ? -1 : consoleSeq.getAsLong();
        String text = line.toString();
        line.setLength(0);
        sink.accept(text, now);
    }

    private void publish(long now) {
        if (!changed) {
            return;
        }
        changed = false;
        try {
            listener.onChange(observer.snapshot(), bootStart == Long.MIN_VALUE ? -1 : now - bootStart);
        } catch (RuntimeException e) {
            // the view's problem; the feed goes on
        }
    }

    /** Lines handed to the observer so far (the observer numbers them the same way, from 1). */
    public synchronized long lines() {
        return lines;
    }

    /**
     * Where the console view was when observer line {@code line} completed, or -1 if unknown (no
     * hint source, or the line is too old). The console's line for it is at or near this number.
     */
    public synchronized long consoleSeqHint(long line) {
        int slot = (int) (line & (HINTS - 1));
        return line > 0 && hintLine[slot] == line ? hintSeq[slot] : -1;
    }

    /** Stops the clock thread; bytes arriving later are ignored. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            closed = true;
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdownNow();
        }
    }
}
