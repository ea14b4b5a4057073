package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;
import r4rescue.console.Console;
import r4rescue.testbed.QemuUBoot;

/**
 * Real U-Boot with {@code bootdelay=0} and a boot command that resets: only breaking in from the
 * first byte of output reaches a prompt. Then bootargs repair composed from a script, the fast-rate
 * load protocol, and our load timed against lrzsz sb into the same U-Boot.
 */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UBootBreakInQemuTest {

    private QemuUBoot qemu;
    private Console console;
    private UBootSession session;

    @TempDir
    Path tmp;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(QemuUBoot.available(), "qemu-system-aarch64 or u-boot-qemu missing");
        qemu = new QemuUBoot("bootdelay=0", "bootcmd=reset", "loadaddr=0x41000000",
                "root=/dev/mmcblk0p2", "boot_sd=setenv bootargs console=ttyAMA0 root=${root} rootwait; bootm");
        openConsole();
    }

    private void openConsole() throws IOException {
        console = qemu.openConsole("UBootBreakInQemuTest-" + System.nanoTime());
    }

    @AfterAll
    void stop() throws IOException {
        QemuUBoot.stop(session, console, qemu);
    }

    @Test
    @Order(1)
    void breaksInWithBootdelayZero() throws IOException {
        session = UBootSession.takeHold(console, Duration.ofSeconds(30), qemu::powerOnWhenAsked);
        assertEquals("=> ", session.prompt());
        assertEquals("0", session.getenv("bootdelay").orElseThrow());
    }

    @Test
    @Order(2)
    void repairsRootWhereTheScriptTakesIt() throws IOException {
        List<BootArgsRepair.Change> changes = BootArgsRepair.apply(session, Boards.R4,
                new BootArgsRepair.Wanted("/dev/nvme0n1p1", "ext4", null, true), false);
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("/dev/nvme0n1p1", session.getenv("root").orElseThrow());
        assertEquals("setenv bootargs console=ttyAMA0 root=${root} rootwait rootfstype=ext4; bootm",
                session.getenv("boot_sd").orElseThrow());
    }

    @Test
    @Order(3)
    void oursAgainstLrzszSbIntoTheSameUBoot() throws Exception {
        Assumptions.assumeTrue(QemuUBoot.onPath("sb"), "lrzsz missing");
        byte[] data = new byte[300_000];
        new Random(10).nextBytes(data);
        Path file = tmp.resolve("same.bin");
        Files.write(file, data);
        CRC32 crc = new CRC32();
        crc.update(data);

        LoadResult ours = session.loadToRam("same.bin", data, LoadOptions.defaults(Boards.R4).withAddress(0x41000000L));
        assertEquals(crc.getValue(), ours.boardCrc());

        // lrzsz: start loady ourselves, hand the pty to sb, time sb alone.
        UBootSession.Pending p = session.begin("loady 0x41000000");
        assertNotNull(session.tap().readUntil(java.util.regex.Pattern.compile("## Ready for binary"), 5_000));
        // Keep the pty open for writing across the handover: if every fd closes, QEMU drops output until it re-polls.
        java.io.FileOutputStream holder = new java.io.FileOutputStream(qemu.pty().toFile());
        session.close();
        console.close();
        long t0 = System.nanoTime();
        Path pty = qemu.pty();
        Process sb = new ProcessBuilder("sh", "-c", "exec sb --ymodem -k '" + file + "' < " + pty + " > " + pty)
                .redirectError(tmp.resolve("sb.err").toFile()).start();
        assertTrue(sb.waitFor(90, TimeUnit.SECONDS), "sb finished");
        long sbMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, sb.exitValue(), Files.readString(tmp.resolve("sb.err")));
        openConsole();
        holder.close();
        session = UBootSession.attach(console);
        assertEquals(crc.getValue(), session.crc32("0x41000000", "${filesize}"));
        System.out.printf("qemu.load.ours %d bytes %d ms %.0f bytes/s%n", data.length, ours.millis(), ours.bytesPerSecond());
        System.out.printf("qemu.load.sb %d bytes %d ms %.0f bytes/s%n", data.length, sbMillis, data.length * 1000.0 / sbMillis);
        assertNotNull(p);
    }

    /**
     * U-Boot 2023.01 under QEMU stops reading its pl011 after {@code loady ADDR BAUD} switches the
     * rate (measured: no ENTER is ever taken). The driver must give up, try to bring it back, and
     * say plainly that the board needs a power cycle, instead of hanging or claiming success.
     */
    @Test
    @Order(4)
    void aFastRateTheBoardCannotTakeIsReportedPlainly() {
        byte[] data = new byte[4096];
        NoAnswerException e = assertThrows(NoAnswerException.class,
                () -> session.loadToRam("fast.bin", data, LoadOptions.defaults(Boards.R4).withFastBaud(921600)));
        assertTrue(e.getMessage().contains("power-cycle"), e.getMessage());
        assertEquals(115200, console.link().baud(), "the host is back at the normal rate");
    }
}
