package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.core.Stopped;

/**
 * Each test leaves one check of the extroot route as the only thing between a wrong result and a claim
 * of success: the overlay copy's entry count (tar leaving a socket out, exit 0, as BusyBox tar does) and
 * the rollback's proof (nothing mounted on /overlay after the reboot proves nothing).
 */
@Tag("sim")
class SimExtrootGuardsTest {

    private static final String P1 = "/dev/nvme0n1p1";

    @Test
    void aCopyMissingAnEntryIsCaughtByTheCount() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt-extroot")) {
            ExtrootRoute x = new ExtrootRoute(b.steps(), b.cfg);
            b.board.faults().tarIgnores = "./marker";
            Stopped e = assertThrows(Stopped.class, () -> SimExtrootTest.prepared(b, x));
            assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
            assertTrue(e.getMessage().contains("The copy differs from the overlay"), e.getMessage());
            assertTrue(e.state().words().contains("still boots its old overlay"), e.state().words());
            assertFalse(b.shell.run("grep -q ' /mnt/nvme ' /proc/mounts").ok(), "the SSD is not left mounted");
            assertFalse(b.shell.check("cat /etc/config/fstab").text().contains("extroot"), "nothing enabled");
        }
    }

    @Test
    void aRollbackWithNothingOnOverlayIsNotProven() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt-extroot")) {
            ExtrootRoute x = new ExtrootRoute(b.steps(), b.cfg);
            SimExtrootTest.prepared(b, x);
            x.enable(P1, true);
            x.rebootAndProve(P1, 60_000);
            b.board.faults().overlayNotMounted = true;
            Stopped e = assertThrows(Stopped.class, () -> x.rollback(P1, 60_000));
            assertTrue(e.getMessage().contains("Rollback not proven: nothing is mounted on /overlay"), e.getMessage());
        }
    }
}
