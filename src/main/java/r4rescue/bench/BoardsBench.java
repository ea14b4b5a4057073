package r4rescue.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerLight;

import r4rescue.board.BoardProfile;
import r4rescue.face.fx.BenchView;
import r4rescue.face.fx.BoardTab;
import r4rescue.face.fx.MainViewModel;
import r4rescue.face.fx.R4RescueApp;
import r4rescue.face.fx.SharedPortWatch;
import r4rescue.face.fx.wizard.WizardViewModel;
import r4rescue.link.BenchControls;
import r4rescue.link.Links;

/**
 * Several simulated boards at once in the real bench window, each in its own tab, streaming boot
 * logs at the console's rate (sim {@code @paced}: 115200 baud, real-time stage pauses), each
 * power-cycled again when it has been quiet for a second, so the logs keep coming. Measures the process's CPU
 * (in all and without the simulated boards' own threads, which a real bench does not have), the
 * heap, the threads each board adds, the frame gaps while they stream, and the CPU once the boards
 * are quiet (a busy-polling reader would show there).
 */
public final class BoardsBench {

    /** Figures of one run. */
    public record Result(int boards, double seconds, long bytesReceived, double cpuCores, double cpuCoresWithoutSim,
                         double idleCpuCores, double heapPeakMb, double heapAfterGcMb, double threadsPerBoard,
                         double maxFrameGapMs, double p99FrameGapMs, long frameGapsOver100ms) {

        public List<String> figures() {
            List<String> out = new ArrayList<>();
            out.add(WindowBench.Result.fig("boards.count", boards, "boards"));
            out.add(WindowBench.Result.fig("boards.seconds", seconds, "s"));
            out.add(WindowBench.Result.fig("boards.bytes_received", bytesReceived, "bytes"));
            out.add(WindowBench.Result.fig("boards.rate_per_board", bytesReceived / seconds / boards, "bytes/s"));
            out.add(String.format(java.util.Locale.ROOT, "boards.cpu %.2f cores", cpuCores));
            out.add(String.format(java.util.Locale.ROOT, "boards.cpu_without_sim %.2f cores", cpuCoresWithoutSim));
            out.add(String.format(java.util.Locale.ROOT, "boards.cpu_idle %.3f cores", idleCpuCores));
            out.add(WindowBench.Result.fig("boards.heap_peak", heapPeakMb, "MB"));
            out.add(WindowBench.Result.fig("boards.heap_after_gc", heapAfterGcMb, "MB"));
            out.add(WindowBench.Result.fig("boards.threads_per_board", threadsPerBoard, "threads"));
            out.add(WindowBench.Result.fig("boards.frame_gap.max", maxFrameGapMs, "ms"));
            out.add(WindowBench.Result.fig("boards.frame_gap.p99", p99FrameGapMs, "ms"));
            out.add(WindowBench.Result.fig("boards.frame_gaps_over_100ms", frameGapsOver100ms, "count"));
            return out;
        }
    }

    private BoardsBench() {
    }

    /** Shows the bench window in {@code stage} with {@code n} boards. Call from a thread that is not the FX thread. */
    public static Result run(Stage stage, int n, int seconds) throws Exception {
        Path logDir = Files.createTempDirectory("r4rescue-boards");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        SharedPortWatch ports = new SharedPortWatch(new WindowBench.NoPorts());
        BenchView bench = WindowBench.onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            BenchView v = new BenchView(ports, name -> {
                MainViewModel vm = new MainViewModel(Links::create, ports.forTab(), logDir, 100_000);
                WizardViewModel wizard = new WizardViewModel(vm, BoardProfile.load(BoardProfile.DEFAULT_ID));
                return new BoardTab(name, vm, wizard, R4RescueApp.assemble(vm, wizard));
            });
            Scene scene = new Scene(v, 1280, 800);
            scene.getStylesheets().add(R4RescueApp.stylesheet());
            stage.setScene(scene);
            stage.show();
            return v;
        });
        int threadsBefore = threads.getThreadCount();
        WindowBench.onFx(() -> {
            for (int i = 0; i < n; i++) {
                bench.newTab("sim:healthy-nand@paced", "board " + (i + 1)).viewModel().connect();
            }
            bench.tabPane().getSelectionModel().select(bench.boards().get(0).tab());
            return null;
        });
        List<BenchControls> boards = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (boards.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the simulated boards did not connect");
            }
            Thread.sleep(50);
            boards = WindowBench.onFx(() -> bench.boards().stream().map(b -> b.wizard().benchProperty().get())
                    .filter(java.util.Objects::nonNull).toList());
        }
        double threadsPerBoard = (threads.getThreadCount() - threadsBefore) / (double) n;

        WindowBench.FrameClock frames = new WindowBench.FrameClock();
        WindowBench.onFx(() -> {
            frames.start();
            return null;
        });
        long bytes0 = WindowBench.binBytes(logDir);
        Map<Long, Long> cpu0 = threadCpu(threads);
        long proc0 = processCpu();
        double heapPeak = 0;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long[] lines = new long[n];
        long[] quietSince = new long[n];
        while (System.nanoTime() < end) {
            long[] now = WindowBench.onFx(() -> bench.boards().stream()
                    .mapToLong(b -> b.viewModel().console().model().endSeq()).toArray());
            for (int i = 0; i < n; i++) {
                if (now[i] != lines[i]) {
                    lines[i] = now[i];
                    quietSince[i] = System.nanoTime();
                } else if (System.nanoTime() - quietSince[i] > TimeUnit.MILLISECONDS.toNanos(1000)) {
                    // off, at its prompt, or in a real-time pause of its boot: a new boot keeps the log coming
                    boards.get(i).powerCycle();
                    quietSince[i] = System.nanoTime();
                }
            }
            heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed() / 1e6);
            Thread.sleep(250);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long proc1 = processCpu();
        Map<Long, Long> cpu1 = threadCpu(threads);
        long bytes = WindowBench.binBytes(logDir) - bytes0;
        WindowBench.onFx(() -> {
            frames.stop();
            return null;
        });
        long simNanos = simThreadsCpu(threads, cpu0, cpu1);

        for (BenchControls b : boards) {
            b.powerOff();
        }
        Thread.sleep(1000);
        long idle0 = processCpu();
        long idleStart = System.nanoTime();
        Thread.sleep(5000);
        double idleCores = (processCpu() - idle0) / (double) (System.nanoTime() - idleStart);

        System.gc();
        double heapAfterGc = memory.getHeapMemoryUsage().getUsed() / 1e6;
        WindowBench.onFx(() -> {
            bench.shutdown();
            return null;
        });
        WindowBench.deleteQuietly(logDir);
        double cores = (proc1 - proc0) / (wall * 1e9);
        return new Result(n, wall, bytes, cores, cores - simNanos / (wall * 1e9), idleCores, heapPeak, heapAfterGc,
                threadsPerBoard, frames.maxMs(), frames.p99Ms(), frames.over(100));
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> m = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                m.put(id, t);
            }
        }
        return m;
    }

    /** CPU the simulated boards' own threads (their CPU and UART) used between the two snapshots. */
    private static long simThreadsCpu(ThreadMXBean threads, Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = threads.getThreadInfo(e.getKey());
            if (info != null && info.getThreadName().startsWith("sim-")) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }
}
