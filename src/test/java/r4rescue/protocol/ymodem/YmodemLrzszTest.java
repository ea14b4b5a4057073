package r4rescue.protocol.ymodem;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.console.Console;
import r4rescue.console.Tap;
import r4rescue.link.Link;
import r4rescue.testbed.ConsoleLog;
import r4rescue.testbed.NoisyLink;
import r4rescue.link.SerialLink;
import r4rescue.testbed.QemuUBoot;
import r4rescue.testbed.SocatPair;

/** Our sender into lrzsz's {@code rb --ymodem} through a socat pty pair, clean and noisy. */
@Tag("qemu")
class YmodemLrzszTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Assumptions.assumeTrue(QemuUBoot.onPath("socat") && QemuUBoot.onPath("rb"), "socat or lrzsz missing");
    }

    private YmodemSender.Result sendThrough(byte[] data, double flip, double drop) throws Exception {
        try (SocatPair pair = new SocatPair()) {
            Process rb = new ProcessBuilder("sh", "-c", "exec rb --ymodem -q < '" + pair.b() + "' > '" + pair.b() + "'")
                    .directory(dir.toFile()).redirectError(dir.resolve("rb.err").toFile()).start();
            Link link = new SerialLink(pair.a().toString(), 115200);
            NoisyLink noisy = new NoisyLink(link, flip, drop, 42);
            try (Console console = new Console(noisy)) {
                console.subscribe("log", ConsoleLog.to("YmodemLrzszTest-" + data.length + "-" + flip));
                console.open();
                try (Tap tap = console.tap()) {
                    YmodemSender.Result r = new YmodemSender(YmodemLine.of(tap, console))
                            .blockTimeout(Duration.ofSeconds(2)).maxRetries(20)
                            .startTimeout(Duration.ofSeconds(20)).send("test.bin", data, 1_700_000_000L);
                    assertTrue(rb.waitFor(20, TimeUnit.SECONDS), "rb finished");
                    assertEquals(0, rb.exitValue(), Files.readString(dir.resolve("rb.err")));
                    System.out.printf("ymodem.lrzsz flip=%g drop=%g: %d bytes in %d ms, %d retransmits, %d flipped, %d dropped%n",
                            flip, drop, data.length, r.millis(), r.retransmits(), noisy.flipped(), noisy.dropped());
                    return r;
                }
            } finally {
                rb.destroyForcibly();
            }
        }
    }

    @Test
    void threeHundredKilobytesArriveIntact() throws Exception {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        YmodemSender.Result r = sendThrough(data, 0, 0);
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("test.bin")));
        // rb now and then ignores the first block after the header (seen with lrzsz sb too), and on a
        // loaded machine it can time out one more block: a clean line costs at most a few resends.
        assertTrue(r.retransmits() <= 3, "retransmits " + r.retransmits());
    }

    @Test
    void noisyLineStillDeliversTheFile() throws Exception {
        // rb answers a bad block slowly (it waits for the line to go quiet), so the noisy run is shorter.
        byte[] data = new byte[16_000];
        new Random(2).nextBytes(data);
        YmodemSender.Result r = sendThrough(data, 1e-3, 5e-5);
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("test.bin")));
        assertTrue(r.retransmits() > 0, "the noise must have cost something");
    }

    @Test
    void shortFilesAndShortTailBlocks() throws Exception {
        for (int size : new int[] {1, 1100}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            Files.deleteIfExists(dir.resolve("test.bin"));
            sendThrough(data, 0, 0);
            assertArrayEquals(data, Files.readAllBytes(dir.resolve("test.bin")), "size " + size);
        }
        assertFalse(new File(dir.toFile(), "test.bin.1").exists());
    }
}
