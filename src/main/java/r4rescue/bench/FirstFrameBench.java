package r4rescue.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import r4rescue.face.fx.FirstFrame;

/**
 * Time from starting {@code java -jar target/r4-rescue.jar} to the first frame of its window (on this
 * process's monotonic clock, which the child reports too), against a
 * minimal JavaFX window ({@link MinimalFx}) started the same way in the same run, alternating,
 * several times each; prints {@code NAME VALUE UNIT} lines (medians) and the ratio. Needs a display
 * (run under xvfb-run) and the packaged jar. Args: [runs] [classpath for MinimalFx, default this one]
 * [the program's command, default {@code java -jar target/r4-rescue.jar}; e.g. {@code r4-rescue}
 * for the installed one].
 */
public final class FirstFrameBench {

    private FirstFrameBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String cp = args.length > 1 ? args[1] : System.getProperty("java.class.path");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> program = args.length > 2 ? List.of(args).subList(2, args.length) : List.of(java, "-jar", "target/r4-rescue.jar");
        List<Long> app = new ArrayList<>();
        List<Long> minimal = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs + 1; i++) {
            long a = firstFrame(program);
            long m = firstFrame(List.of(java, "-cp", cp, MinimalFx.class.getName()));
            if (i > 0) { // the first round warms the file cache
                app.add(a);
                minimal.add(m);
                ratios.add((double) a / m);
            }
        }
        long ma = median(app);
        long mm = median(minimal);
        System.out.println("first_frame_r4rescue_median " + ma + " ms " + app);
        System.out.println("first_frame_minimal_fx_median " + mm + " ms " + minimal);
        System.out.printf(Locale.ROOT, "first_frame_ratio %.2f x%n", (double) ma / mm);
        // each run's ratio to the minimal window started right after it: steadier when the machine's speed drifts
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "first_frame_ratio_paired_median %.2f x (%.2f to %.2f)%n", ratios.get(ratios.size() / 2),
                ratios.get(0), ratios.get(ratios.size() - 1));
    }

    private static long firstFrame(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(FirstFrame.ENV, "1");
        // System.nanoTime is the machine's monotonic clock (CLOCK_MONOTONIC on Linux), the same in both processes;
        // the child's own FIRST_FRAME_MS counts from a process start time that Linux rounds to the boot's second
        long t0 = System.nanoTime();
        Process p = pb.start();
        long ms = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(FirstFrame.NANO_TIME)) {
                    ms = (Long.parseLong(line.substring(FirstFrame.NANO_TIME.length()).trim()) - t0) / 1_000_000;
                }
            }
        }
        p.waitFor();
        if (ms < 0) {
            throw new IllegalStateException("no " + FirstFrame.NANO_TIME.trim() + " from " + command);
        }
        return ms;
    }

    private static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
