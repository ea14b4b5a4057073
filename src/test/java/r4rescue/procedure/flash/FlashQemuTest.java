package r4rescue.procedure.flash;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.console.Console;
import r4rescue.face.cli.CliRun;
import r4rescue.face.cli.MainCommand;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.testbed.QemuUBoot;

/**
 * Flashing onto real U-Boot 2023.01 (qemu_arm64) with MTD partitions BL2/FIP/ubi from mtdparts.
 * QEMU's CFI flash erases but refuses buffered writes ({@code Write on FIP failed with error -5}):
 * the program must say so, after the erase, and never report success.
 */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlashQemuTest {

    private QemuUBoot qemu;
    private Console console;
    private UBootSession session;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(QemuUBoot.available(), "qemu-system-aarch64 or u-boot-qemu missing");
        qemu = new QemuUBoot("bootdelay=2", "bootcmd=reset", "loadaddr=0x41000000",
                "mtdids=nor1=nor1", "mtdparts=mtdparts=nor1:512k(BL2),2m(FIP),-(ubi)");
        console = qemu.openConsole("FlashQemuTest");
        session = UBootSession.takeHold(console, Duration.ofSeconds(30), qemu::powerCycleWhenAsked);
    }

    @AfterAll
    void stop() throws IOException {
        QemuUBoot.stop(session, console, qemu);
    }

    @Test
    @Order(1)
    void refusedWriteIsReportedAfterTheEraseWithThePartialReadBack() throws Exception {
        byte[] fip = SyntheticImages.fip(3_000, 9_000, 5);
        FlashImage img = new ImageCheck(Boards.R4).check("fip.bin", fip, Role.FIP, null, false);
        long t0 = System.nanoTime();
        Stopped e = assertThrows(Stopped.class,
                () -> new UBootFlash(session, Boards.R4, img, new Procedure(events::add, new Cancel())).run());
        System.out.printf("flash.qemu.fip_failure_seconds %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("flash.qemu.message " + e.getMessage());
        assertEquals(BoardState.Kind.DAMAGED, e.state().kind());
        assertEquals(FlashStep.WRITE.label(), e.step());
        assertFalse(e.noAnswer(), "the board answered: it said no");
        String m = e.getMessage();
        assertTrue(m.contains("Write on FIP failed with error -5"), m);
        assertTrue(m.contains("after the erase"), m);
        assertTrue(m.contains("mismatch"), m);
        assertTrue(m.matches("(?s).*the first [0-9,]+ of 12,\\d{3} bytes match.*"), m);
        List<String> cmds = events.stream().filter(x -> x.kind() == Event.Kind.COMMAND).map(Event::message).toList();
        assertTrue(cmds.contains("mtd list"), cmds.toString());
        assertTrue(cmds.contains("mtd erase FIP"), "the board's own spelling of the partition: " + cmds);
        assertTrue(events.stream().anyMatch(x -> x.message().contains("MediaTek SDK SPI-NAND layout")));
        assertTrue(events.stream().noneMatch(x -> x.step().equals(FlashStep.REPORT.label())), "never reported as done");
    }

    @Test
    @Order(2)
    void theCommandLineExitsOneAndSaysTheFlashIsDamaged() throws Exception {
        session.close();
        session = null;
        console.close();
        console = null;
        Path f = dir.resolve("bl2.bin");
        Files.write(f, SyntheticImages.bl2(Medium.SNAND, 6_000, 6));
        CliRun cli = new CliRun();
        int code = cli.run("flash", f.toString(), "--part", "bl2", "--yes", "--timeout", "30", "-p", qemu.pty().toString());
        assertEquals(MainCommand.BOARD_SAID_NO, code, cli.out() + "\n" + cli.err());
        assertTrue(cli.out().contains("> mtd erase BL2"), cli.out());
        assertTrue(cli.err().contains("flash damaged"), cli.err());
        assertTrue(cli.err().contains("Write on BL2 failed"), cli.err());
        assertFalse(cli.out().contains("OK:"), cli.out());
    }
}
