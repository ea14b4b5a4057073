package r4rescue.face.fx.wizard;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Progress;
import r4rescue.util.Texts;

/**
 * The copy page's progress in bytes, from the procedure's events (where a step begins) and the clock. tar prints
 * nothing while it copies and the console carries one command at a time, so while tar runs only the
 * time so far is known (the bar shows work of unknown length). When it ends, its rate is measured;
 * the comparison that follows reads the source and the copy again (twice the root's bytes), and its
 * time left is estimated at that measured rate and marked "(estimate)".
 */
final class CopyProgress implements Consumer<Event> {

    private enum Phase { PREPARE, COPY, VERIFY }

    private final Consumer<Progress> out;
    private final long rootBytes;
    private volatile Phase phase = Phase.PREPARE;
    private volatile long copyStart;
    private volatile long copyMs;
    private volatile long verifyStart;

    /** @param rootBytes what the preflight measured the root to use ({@code du -sxk /}) */
    CopyProgress(Consumer<Progress> out, long rootBytes) {
        this.out = out;
        this.rootBytes = Math.max(1, rootBytes);
    }

    /** Stops the clock when closed. */
    interface Ticker extends AutoCloseable {
        @Override
        void close();
    }

    /** Reports every half second until closed. */
    Ticker start() {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "copy-progress");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(() -> tick(System.currentTimeMillis()), 0, 500, TimeUnit.MILLISECONDS);
        return clock::shutdownNow;
    }

    @Override
    public void accept(Event e) {
        if (e.kind() != Event.Kind.STEP) {
            return;
        }
        long now = System.currentTimeMillis();
        if ("proc.nvme.copyTheRootFilesystem".equals(e.stepId())) {
            copyStart = now;
            phase = Phase.COPY;
        } else if (phase == Phase.COPY) {
            // the step after tar's began: tar has ended
            copyMs = Math.max(1, now - copyStart);
            verifyStart = now;
            phase = Phase.VERIFY;
        }
        tick(now);
    }

    /** The figures at {@code now}, or null before the copy starts. */
    Progress at(long now) {
        return switch (phase) {
            case PREPARE -> null;
            case COPY -> new Progress(Texts.t("fx.copy.copying", String.format(Texts.locale(), "%,d", rootBytes >> 20)), 0, 0, now - copyStart, false);
            case VERIFY -> {
                double perMs = (double) rootBytes / copyMs;
                long read = Math.min(2 * rootBytes - 1, (long) ((now - verifyStart) * perMs));
                yield new Progress(Texts.t("fx.copy.comparing"), rootBytes + read, 3 * rootBytes, now - copyStart, true);
            }
        };
    }

    private void tick(long now) {
        Progress p = at(now);
        if (p != null) {
            out.accept(p);
        }
    }
}
