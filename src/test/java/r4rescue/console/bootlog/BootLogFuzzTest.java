package r4rescue.console.bootlog;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random and mutated logs: no exception escapes, every line handled in bounded time.
 * The bound is on the feeding thread's CPU time, so a GC pause or a busy shared CI machine does
 * not count against the observer; the wall-clock maximum is printed alongside.
 */
@Tag("unit")
class BootLogFuzzTest {

    private static final int LOGS = 100_000;
    private static final long MAX_LINE_NANOS = 50_000_000L;

    @Test
    void survivesRandomAndMutatedLogs() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (Path p : DiagnoseCorpusTest.logs().toList()) {
            corpus.add(Files.readAllBytes(p));
        }
        Random rnd = new Random(20261125);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long maxNanos = 0;
        long maxWall = 0;
        long lines = 0;
        long started = System.nanoTime();
        for (int n = 0; n < LOGS; n++) {
            byte[] log = n % 10 == 0 ? randomBytes(rnd) : mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
            BootLogObserver o = new BootLogObserver();
            o.addListener(e -> { });
            long t = 0;
            for (String line : split(log, rnd)) {
                t += rnd.nextInt(3000);
                long tick = rnd.nextInt(8) == 0 ? t + rnd.nextInt(120_000) : -1;
                long a = System.nanoTime();
                long c = cpu.getCurrentThreadCpuTime();
                o.accept(line, t);
                if (tick >= 0) {
                    o.tick(tick);
                }
                maxNanos = Math.max(maxNanos, cpu.getCurrentThreadCpuTime() - c);
                maxWall = Math.max(maxWall, System.nanoTime() - a);
                lines++;
            }
            assertNotNull(o.finish());
            assertNotNull(o.snapshot().timeline());
        }
        double secs = (System.nanoTime() - started) / 1e9;
        System.out.printf("fuzz.logs %d%nfuzz.lines %d%nfuzz.max_line_cpu_ms %.3f%nfuzz.max_line_wall_ms %.3f%nfuzz.seconds %.1f%n",
                LOGS, lines, maxNanos / 1e6, maxWall / 1e6, secs);
        assertTrue(maxNanos < MAX_LINE_NANOS, "slowest line took " + maxNanos / 1e6 + " ms");
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(4000)];
        rnd.nextBytes(b);
        return b;
    }

    /** A window of a corpus log with byte flips, truncation, line shuffles or a huge line. */
    private static byte[] mutate(byte[] src, Random rnd) {
        if (src.length == 0) {
            return src;
        }
        int from = rnd.nextInt(src.length);
        int len = Math.min(src.length - from, 500 + rnd.nextInt(4000));
        byte[] b = Arrays.copyOfRange(src, from, from + len);
        switch (rnd.nextInt(5)) {
            case 0 -> {
                for (int i = rnd.nextInt(20); i >= 0 && b.length > 0; i--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 2 -> {
                List<String> lines = new ArrayList<>(List.of(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
                Collections.shuffle(lines, rnd);
                b = String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 3 -> {
                byte[] huge = new byte[200_000 + rnd.nextInt(800_000)];
                byte fill = (byte) (rnd.nextBoolean() ? 'A' : 0x1b);
                Arrays.fill(huge, fill);
                byte[] out = Arrays.copyOf(b, b.length + huge.length);
                System.arraycopy(huge, 0, out, b.length, huge.length);
                b = out;
            }
            default -> {
                for (int i = rnd.nextInt(10); i >= 0 && b.length > 0; i--) {
                    b[rnd.nextInt(b.length)] = (byte) "\r\n\u001b[\b\t\u0000\u00ff".charAt(rnd.nextInt(8));
                }
            }
        }
        return b;
    }

    /** Lines as the live feeder or the file reader would hand them over (a line is capped like SavedLog does). */
    private static List<String> split(byte[] log, Random rnd) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= log.length; i++) {
            if (i == log.length || log[i] == '\n') {
                if (i > start || i < log.length) {
                    int len = Math.min(i - start, 1 << 20);
                    out.add(new String(log, start, len, rnd.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
