package r4rescue.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerLight;

import r4rescue.console.StyledLine;
import r4rescue.face.fx.MainView;
import r4rescue.face.fx.MainViewModel;
import r4rescue.face.fx.PortWatch;
import r4rescue.face.fx.R4RescueApp;
import r4rescue.link.PipeLink;
import r4rescue.link.PortInfo;

/**
 * Feeds a steady stream (like a fast UART) into the real window through a {@link PipeLink}, the
 * {@link r4rescue.console.Console} and the session log, and measures what a user would notice:
 * the longest gap between two frames, and whether every line arrived intact in the model, the
 * visible list and the raw log.
 */
public final class WindowBench {

    /** Figures of one run. */
    public record Result(double seconds, long bytesSent, long linesSent, double maxFrameGapMs, double p99FrameGapMs,
                         long frames, long gapsOver100ms, long linesLost, long linesWrong, boolean viewMatchesModel,
                         long logBytes, List<Double> bigGapsAt) {

        public List<String> figures() {
            List<String> out = new ArrayList<>();
            out.add(fig("window.seconds", seconds, "s"));
            out.add(fig("window.rate", bytesSent / 1e3 / seconds, "KB/s"));
            out.add(fig("window.bytes_sent", bytesSent, "bytes"));
            out.add(fig("window.frames", frames, "frames"));
            out.add(fig("window.frame_gap.max", maxFrameGapMs, "ms"));
            out.add(fig("window.frame_gap.p99", p99FrameGapMs, "ms"));
            out.add(fig("window.frame_gaps_over_100ms", gapsOver100ms, "count"));
            out.add(fig("window.lines_lost", linesLost, "lines"));
            out.add(fig("window.lines_wrong", linesWrong, "lines"));
            out.add(fig("window.view_matches_model", viewMatchesModel ? 1 : 0, "bool"));
            out.add(fig("window.log_bytes_lost", bytesSent - logBytes, "bytes"));
            for (double at : bigGapsAt) {
                out.add(fig("window.frame_gap_over_100ms.at", at, "s"));
            }
            return out;
        }

        static String fig(String name, double v, String unit) {
            return name + " " + String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v) + " " + unit;
        }
    }

    private WindowBench() {
    }

    /** One line of the stream, number {@code n}: a kernel-log line, every fourth with colour. */
    static String line(long n, boolean ansi) {
        String ok = ansi ? "\u001b[0;32mOK\u001b[0m" : "OK";
        String t = String.format(Locale.ROOT, "%08d [%6d.%06d] mtk-soc-eth 15100000.ethernet eth%d: link ", n, n / 1000, (n * 37) % 1_000_000, n % 4);
        return n % 4 == 0 ? t + "up 2500Mbps/Full " + ok : t + "statistics rx=" + (n * 1013) + " tx=" + (n * 997);
    }

    /**
     * Shows the window in {@code stage}, streams {@code bytesPerSecond} for {@code seconds}, then
     * checks. Call from a thread that is not the FX thread.
     */
    public static Result run(Stage stage, int seconds, int bytesPerSecond) throws Exception {
        Path logDir = Files.createTempDirectory("r4rescue-bench");
        AtomicReference<PipeLink> link = new AtomicReference<>();
        MainViewModel vm = new MainViewModel((spec, baud) -> {
            PipeLink l = new PipeLink(spec, baud, (d, o, n) -> { });
            link.set(l);
            return l;
        }, new NoPorts(), logDir, 100_000);
        MainView view = onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            MainView v = new MainView(vm);
            Scene scene = new Scene(v, 1200, 760);
            scene.getStylesheets().add(R4RescueApp.stylesheet());
            stage.setScene(scene);
            stage.show();
            vm.portProperty().set("bench-uart");
            vm.connect();
            return v;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (link.get() == null || !onFx(() -> vm.connectedProperty().get())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the bench link did not open");
            }
            Thread.sleep(20);
        }

        FrameClock frames = new FrameClock();
        onFx(() -> {
            frames.start();
            return null;
        });
        PipeLink pipe = link.get();
        long sent = 0;
        long lines = 0;
        byte[] pending = new byte[0];
        int pendingPos = 0;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long tickNs = TimeUnit.MILLISECONDS.toNanos(10);
        long next = start;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * bytesPerSecond / 1_000_000_000L;
            int want = (int) (due - sent);
            byte[] chunk = new byte[Math.max(0, want)];
            int filled = 0;
            while (filled < chunk.length) {
                if (pendingPos == pending.length) {
                    pending = (line(lines++, true) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    pendingPos = 0;
                }
                int take = Math.min(chunk.length - filled, pending.length - pendingPos);
                System.arraycopy(pending, pendingPos, chunk, filled, take);
                pendingPos += take;
                filled += take;
            }
            if (chunk.length > 0) {
                pipe.deliver(chunk, 0, chunk.length);
                sent += chunk.length;
            }
            next += tickNs;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        // finish the line in flight so the last line is complete
        if (pendingPos < pending.length) {
            pipe.deliver(pending, pendingPos, pending.length - pendingPos);
            sent += pending.length - pendingPos;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        String lastExpected = line(lines - 1, false);
        long waitEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onFx(() -> {
            List<StyledLine> shown = view.consolePane().shownLines();
            return !shown.isEmpty() && shown.stream().skip(Math.max(0, shown.size() - 3)).anyMatch(l -> l.text().equals(lastExpected));
        })) {
            if (System.nanoTime() > waitEnd) {
                break;
            }
            Thread.sleep(20);
        }
        onFx(() -> {
            frames.stop();
            return null;
        });

        long totalLines = lines;
        long[] check = onFx(() -> check(vm, view, totalLines));
        onFx(() -> {
            vm.disconnect();
            return null;
        });
        Thread.sleep(300);
        long logBytes = binBytes(logDir);
        vm.shutdown();
        deleteQuietly(logDir);
        return new Result(elapsed, sent, lines, frames.maxMs(), frames.p99Ms(), frames.count(), frames.over(100),
                check[0], check[1], check[2] == 1, logBytes, frames.bigGapsAt(100));
    }

    /** {lost, wrong, viewMatchesModel}: every data line the model kept must be the one sent, in order. */
    private static long[] check(MainViewModel vm, MainView view, long linesSent) {
        List<StyledLine> model = vm.console().model().snapshot();
        List<StyledLine> data = model.stream().filter(l -> !l.marker()).toList();
        long markers = model.size() - data.size();
        long wrong = 0;
        long firstN = linesSent - data.size();
        for (int i = 0; i < data.size(); i++) {
            if (!data.get(i).text().equals(line(firstN + i, false))) {
                wrong++;
            }
        }
        // lines that passed through the model: all of them, or the scrollback dropped some it should not have
        long throughModel = vm.console().model().endSeq() - markers;
        long lost = Math.max(0, linesSent - throughModel) + (firstN < 0 ? -firstN : 0);
        boolean viewOk = view.consolePane().shownLines().equals(model);
        return new long[] {lost, wrong, viewOk ? 1 : 0};
    }

    static long binBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long total = 0;
            for (Path p : s.filter(p -> p.toString().endsWith(".bin")).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /** Starts JavaFX in a program that is not an Application (the bench commands) and gives a new stage. */
    public static Stage startFx() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        return onFx(Stage::new);
    }

    /** Runs {@code task} on the FX thread and waits for its result (for callers on other threads). */
    public static <T> T onFx(Callable<T> task) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return task.call();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Records the time between frames. */
    static final class FrameClock extends AnimationTimer {
        private final List<Long> gaps = new ArrayList<>();
        private final List<Long> at = new ArrayList<>();
        private long first;
        private long last;

        @Override
        public void handle(long now) {
            if (last != 0) {
                gaps.add(now - last);
                at.add(now - first);
            } else {
                first = now;
            }
            last = now;
        }

        /** Seconds into the run at which each gap over {@code ms} ended: tells warm-up from steady state. */
        List<Double> bigGapsAt(long ms) {
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < gaps.size(); i++) {
                if (gaps.get(i) > ms * 1_000_000L) {
                    out.add(Math.round(at.get(i) / 1e8) / 10.0);
                }
            }
            return out;
        }

        long count() {
            return gaps.size();
        }

        double maxMs() {
            return gaps.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
        }

        double p99Ms() {
            if (gaps.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(gaps);
            sorted.sort(null);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99))) / 1e6;
        }

        long over(long ms) {
            return gaps.stream().filter(g -> g > ms * 1_000_000L).count();
        }
    }

    static final class NoPorts implements PortWatch {
        @Override
        public void start(Consumer<List<PortInfo>> onChange) {
        }

        @Override
        public void stop() {
        }
    }
}
