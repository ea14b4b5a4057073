package r4rescue.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * lrzsz {@code sb --ymodem} against our whole {@code load} command, on the same U-Boot and the same
 * file, taking turns so both see the same machine load. sb is timed from its start to its exit,
 * after {@code loady} was typed (its transfer only); {@code load} from the command to its answer
 * (JVM start, port open, prompt, {@code loady}, transfer, {@code crc32}).
 */
public final class LoadVsSbBench {

    private LoadVsSbBench() {
    }

    /**
     * {@code rounds} turns of each on {@code port} (a pty or tty path U-Boot listens on, at its prompt),
     * after one untimed {@code load} that warms the file cache; with {@code cds} that one writes an
     * AppCDS archive the timed ones use, as the installed launcher does from its second start on.
     */
    public static List<String> measure(String port, Path file, int rounds, boolean cds)
            throws IOException, InterruptedException {
        Path jsa = Files.createTempFile("r4-load", ".jsa");
        Files.delete(jsa);
        try {
            timed(loadCommand(port, file, cds ? "-XX:ArchiveClassesAtExit=" + jsa : "-Xshare:auto"), "load (warm-up)");
            return measure(port, file, rounds, cds ? "-XX:SharedArchiveFile=" + jsa : "-Xshare:auto");
        } finally {
            Files.deleteIfExists(jsa);
        }
    }

    private static List<String> measure(String port, Path file, int rounds, String share)
            throws IOException, InterruptedException {
        double[] sb = new double[rounds];
        double[] load = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            sb[i] = timed(List.of("sh", "-c", "printf 'loady\\r' > \"$1\" && sleep 0.2 && exec sb --ymodem -q \"$2\" < \"$1\" > \"$1\"",
                    "sb-bench", port, file.toString()), "sb");
            load[i] = timed(loadCommand(port, file, share), "load");
        }
        double sbMedian = median(sb);
        double loadMedian = median(load);
        return List.of(
                String.format(Locale.ROOT, "load_vs_sb.size %d bytes", Files.size(file)),
                String.format(Locale.ROOT, "load_vs_sb.rounds %d", rounds),
                String.format(Locale.ROOT, "load_vs_sb.load_jvm_share %s", share.replaceAll("=.*", "")),
                String.format(Locale.ROOT, "load_vs_sb.sb_all %s s", Arrays.toString(sb)),
                String.format(Locale.ROOT, "load_vs_sb.load_all %s s", Arrays.toString(load)),
                String.format(Locale.ROOT, "load_vs_sb.sb_transfer %.2f s", sbMedian),
                String.format(Locale.ROOT, "load_vs_sb.load_command %.2f s", loadMedian),
                String.format(Locale.ROOT, "load_vs_sb.ratio %.2f x", loadMedian / sbMedian));
    }

    /** This program's own {@code load}, started as a new JVM the way a user starts it. */
    static List<String> loadCommand(String port, Path file, String share) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-XX:+UseSerialGC", share, "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp",
                System.getProperty("java.class.path"), "r4rescue.Launcher", "load", "-p", port, file.toString());
    }

    private static double timed(List<String> command, String what) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            String text = new String(out, java.nio.charset.StandardCharsets.UTF_8).strip();
            throw new IOException(what + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + "): "
                    + text.substring(Math.max(0, text.length() - 400)));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
