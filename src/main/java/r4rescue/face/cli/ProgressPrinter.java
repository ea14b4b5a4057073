package r4rescue.face.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

import r4rescue.procedure.core.Progress;
import r4rescue.util.Texts;

/**
 * The one progress display of every long command. On a terminal it keeps one live line, redrawn
 * with a carriage return; into a pipe or a log it writes whole lines, at most one per 10 % or per
 * 5 s, so a log stays readable. Rate and time left come from the last {@link #WINDOW_NANOS} of
 * updates, not from the start: a slow handshake before the first block no longer inflates them.
 * <p>Use: {@code ProgressPrinter p = ProgressPrinter.onStderr(err);} (or {@code onStdout}) then
 * {@code p.update(what, done, total)} (or {@code p.update(progress)}) as often as the work reports,
 * and {@code p.end()} once it is over or failed, and before printing any other line.
 */
public final class ProgressPrinter {

    static final long WINDOW_NANOS = 5_000_000_000L;
    static final long LINE_EVERY_NANOS = 5_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier clock;
    /** (time, bytes) pairs of the last {@link #WINDOW_NANOS}; the oldest stays as the window's start. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private long lastPrint = Long.MIN_VALUE;
    private int lastDecile = -1;
    private boolean liveLineOpen;
    private boolean finishedPrinted;
    private String lastWhat;
    private long lastDone;

    ProgressPrinter(PrintWriter out, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = nanoClock;
    }

    /** Progress on {@code err}, live if the process's stderr is a terminal, else in lines. */
    public static ProgressPrinter onStderr(PrintWriter err) {
        return new ProgressPrinter(err, isTerminal(2), System::nanoTime);
    }

    /** Progress on {@code out}, live if the process's stdout is a terminal, else in lines. */
    public static ProgressPrinter onStdout(PrintWriter out) {
        return new ProgressPrinter(out, isTerminal(1), System::nanoTime);
    }

    /** Whether {@code fd} is a tty: Java 17 cannot ask isatty(), so Linux's /proc link is read; elsewhere System.console(). */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception | Error e) {
            return System.console() != null;
        }
    }

    /** Reports {@code done} of {@code total} bytes of {@code what} (total ≤ 0: unknown). */
    public synchronized void update(String what, long done, long total) {
        long now = clock.getAsLong();
        if (!Objects.equals(what, lastWhat) || done < lastDone) {
            // The next piece of work (flash: BL2, then FIP): its own window and its own tenths.
            end();
            samples.clear();
            lastDecile = -1;
            lastPrint = Long.MIN_VALUE;
        }
        lastWhat = what;
        lastDone = done;
        samples.addLast(new long[] {now, done});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
            samples.removeFirst();
        }
        boolean finished = total > 0 && done >= total;
        if (terminal) {
            if (finished ? !finishedPrinted : lastPrint == Long.MIN_VALUE || now - lastPrint >= REDRAW_NANOS) {
                out.print("\r" + text(what, done, total, finished) + "   ");
                // The finished line stays, so what is printed next starts on a line of its own.
                liveLineOpen = !finished;
                if (finished) {
                    out.println();
                }
                out.flush();
                lastPrint = now;
                finishedPrinted = finished;
            }
            return;
        }
        int decile = total > 0 ? (int) Math.min(10, done * 10 / total) : -1;
        boolean due = finished ? !finishedPrinted
                : decile > lastDecile || lastPrint == Long.MIN_VALUE || now - lastPrint >= LINE_EVERY_NANOS;
        if (due) {
            out.println(text(what, done, total, finished));
            out.flush();
            lastPrint = now;
            lastDecile = Math.max(lastDecile, decile);
            finishedPrinted = finished;
        }
    }

    /** The {@link Progress} figures of a procedure event, shown with this printer's own rate. */
    public void update(Progress p) {
        update(p.what(), p.done(), p.total());
    }

    /** Ends the live line (a terminal keeps the cursor after it otherwise); call when the work is over. */
    public synchronized void end() {
        if (liveLineOpen) {
            out.println();
            out.flush();
            liveLineOpen = false;
        }
    }

    /** Bytes per second over the recent window, or -1 before two updates span any time. */
    synchronized double bytesPerSecond() {
        if (samples.size() < 2) {
            return -1;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long dt = last[0] - first[0];
        return dt <= 0 ? -1 : (last[1] - first[1]) * 1e9 / dt;
    }

    private String text(String what, long done, long total, boolean finished) {
        StringBuilder b = new StringBuilder();
        if (what != null && !what.isEmpty()) {
            b.append(what).append(": ");
        }
        if (total > 0) {
            b.append(Texts.t("cli.progress.of", String.format(Locale.ROOT, "%,d", done), String.format(Locale.ROOT, "%,d", total),
                    done * 100 / total));
        } else {
            b.append(Texts.t("cli.progress.bytes", String.format(Locale.ROOT, "%,d", done)));
        }
        double rate = bytesPerSecond();
        if (rate > 0) {
            b.append(String.format(Locale.ROOT, ", %.1f KiB/s", rate / 1024));
            if (total > 0 && !finished) {
                b.append(", ").append(Texts.t("cli.progress.left", Progress.duration(Math.max(0, total - done) / rate)));
            }
        }
        return b.toString();
    }
}
