package r4rescue.procedure.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.console.Console;
import r4rescue.console.bootlog.UartSimulator;
import r4rescue.link.Links;

/**
 * Pre-flight on real pseudo-terminals from socat, through the serial link the program uses for a
 * USB adapter: a far end that echoes (a bridged adapter), one that never answers (a dead adapter),
 * and a far end that sends what a board would (nothing, noise, text at the wrong rate, text).
 */
@Tag("qemu")
class PreflightPtyTest {

    @TempDir
    Path dir;

    /** socat with our end at {@code dir/A} and {@code far} as the other address. */
    private Process socat(String far) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
        Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve("A"), far)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(dir.resolve("A")) || far.startsWith("pty") && !Files.exists(dir.resolve("B"))) {
            assertTrue(System.nanoTime() < deadline && p.isAlive(), "socat did not make its pty");
            Thread.sleep(5);
        }
        return p;
    }

    private Console open(int baud) throws IOException {
        Console c = new Console(Links.create(dir.resolve("A").toRealPath().toString(), baud));
        c.open();
        return c;
    }

    @Test
    void loopbackThroughAnEchoingFarEndIsOk() throws Exception {
        Process p = socat("EXEC:cat");
        try (Console c = open(115200)) {
            AdapterFinding f = new Preflight(c).loopback(2000);
            assertEquals(Verdict.LOOPBACK_OK, f.verdict(), f.line());
        } finally {
            p.destroy();
        }
    }

    @Test
    void loopbackWithNothingComingBackIsDead() throws Exception {
        Process p = socat("pty,raw,echo=0,link=" + dir.resolve("B"));
        try (Console c = open(115200)) {
            AdapterFinding f = new Preflight(c).loopback(300);
            assertEquals(Verdict.LOOPBACK_DEAD, f.verdict(), f.line());
        } finally {
            p.destroy();
        }
    }

    /** Listens at {@code baud} while the far end sends {@code board} (nothing when null). */
    private AdapterFinding listen(int baud, byte[] board) throws Exception {
        Process p = socat("pty,raw,echo=0,link=" + dir.resolve("B"));
        try (Console c = open(baud); OutputStream far = Files.newOutputStream(dir.resolve("B"))) {
            return new Preflight(c).listen(() -> {
                if (board != null) {
                    try {
                        far.write(board);
                        far.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, 400, 300);
        } finally {
            p.destroy();
        }
    }

    @Test
    void listenVerdictsOnAPty() throws Exception {
        byte[] text = PreflightClassifyTest.bootText();
        assertEquals(Verdict.SILENCE, listen(115200, null).verdict());
        assertEquals(Verdict.NOISE, listen(115200, PreflightClassifyTest.noise(3000, 7)).verdict());
        AdapterFinding wrong = listen(57600, UartSimulator.resample(text, 115200, 57600, 40, 0.3));
        assertEquals(Verdict.WRONG_RATE, wrong.verdict(), wrong.line());
        assertTrue(wrong.line().contains("115200"), wrong.line());
        assertEquals(Verdict.GOOD_TEXT, listen(115200, text).verdict());
    }
}
