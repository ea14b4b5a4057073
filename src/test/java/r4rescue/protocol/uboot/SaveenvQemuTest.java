package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import r4rescue.board.Boards;
import r4rescue.console.Console;
import r4rescue.testbed.QemuUBoot;

/**
 * The saveenv read-back against real U-Boot 2023.01 (qemu_arm64): its saveenv fails for real and
 * is reported with U-Boot's words; and the comparison of a stored copy with {@code env export -c}
 * holds on real U-Boot — its environment lives at the start of flash1, which QEMU maps at
 * 0x04000000, written before start in U-Boot's own format (variables sorted, as saveenv stores them).
 */
@Tag("qemu")
class SaveenvQemuTest {

    private static final long FLASH1 = 0x0400_0000L;

    @Test
    @Timeout(180)
    void theStoredCopyIsComparedInSaveenvsFormatAndARealFailureIsReported() throws Exception {
        Assumptions.assumeTrue(QemuUBoot.available(), "qemu-system-aarch64 or u-boot-qemu missing");
        QemuUBoot qemu = new QemuUBoot("bootcmd=reset", "bootdelay=2", "loadaddr=0x41000000");
        Console console = qemu.openConsole("SaveenvQemuTest");
        UBootSession s = null;
        try {
            s = UBootSession.takeHold(console, Duration.ofSeconds(60), qemu::powerCycleWhenAsked);
            StoredEnv.Place flash = new StoredEnv.Place("flash", null, 0x40000, 4);
            // The running environment holds what U-Boot adds at start (fdtcontroladdr...): make it the stored one.
            s.check("env import -d -c " + UBootSession.hex(FLASH1) + " 0x40000");
            assertTrue(StoredEnv.compare(s, flash, FLASH1).contains("equals the running environment"));

            s.setenv("r4test", "not saved");
            UBootSession held = s;
            UBootException differs = assertThrows(UBootException.class, () -> StoredEnv.compare(held, flash, FLASH1));
            assertTrue(differs.getMessage().contains("is not the running environment (byte at 0x"), differs.getMessage());

            long t0 = System.nanoTime();
            UBootException failed = assertThrows(UBootException.class, () -> held.saveenv(Boards.R4));
            assertTrue(failed.getMessage().startsWith("saveenv failed") && failed.getMessage().contains("Flash buffer write timeout"),
                    failed.getMessage());
            System.out.printf("qemu.saveenv.failure %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        } finally {
            QemuUBoot.stop(s, console, qemu);
        }
    }
}
