package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.core.Stopped;

/**
 * The extroot route on stock OpenWrt with block-mount and kmod-nvme (scenario stock-openwrt-extroot):
 * partition, format, copy /overlay/upper, fstab mount by UUID, reboot, /overlay proven by device number;
 * rollback; a failing uci commit.
 */
@Tag("sim")
class SimExtrootTest {

    private static final String P1 = "/dev/nvme0n1p1";

    /** Preflight, partition and the overlay copy; returns the partition. */
    static String prepared(SimBench b, ExtrootRoute x) throws Exception {
        NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
        b.shell.check("echo extroot-marker > /overlay/upper/marker");
        PreflightReport pf = m.preflight(null);
        assertEquals(MigrationRoute.Kind.EXTROOT, pf.route().kind(), pf.route().toString());
        assertTrue(pf.route().canRunExtroot(), pf.route().toString());
        assertFalse(pf.route().canMigrate(), "root= is never tried on a modular NVMe");
        List<String> parts = m.partition(pf, SsdLayout.single(b.cfg), null);
        assertEquals(P1, parts.get(0));
        ExtrootRoute.CopyReport copy = x.copyOverlay(P1);
        assertTrue(copy.files() >= 2, copy.toString());
        return P1;
    }

    @Test
    void extrootCompletesProvesOverlayByDeviceNumberAndRollsBack() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt-extroot")) {
            ExtrootRoute x = new ExtrootRoute(b.steps(), b.cfg);
            prepared(b, x);
            String shown = x.enable(P1, true);
            assertTrue(shown.contains("fstab.extroot.uuid='" + b.nvme(1).fs.uuid + "'"), shown);
            assertTrue(shown.contains("fstab.extroot.target='/overlay'"), shown);
            String proof = x.rebootAndProve(P1, 60_000);
            String dev = b.shell.check("cat /sys/class/block/nvme0n1p1/dev").text().strip();
            assertTrue(proof.startsWith("/overlay is device " + dev + " "), proof);
            assertEquals("extroot-marker", b.shell.check("cat /overlay/upper/marker").text().strip(), "the copied overlay is in use");

            String back = x.rollback(P1, 60_000);
            assertTrue(back.contains("named /dev/fitrw") && back.endsWith("a different device"), back);
            assertEquals("0", b.shell.check("uci get fstab.extroot.enabled").text().strip());
        }
    }

    @Test
    void aFailingUciCommitStopsWithTheMessageAndTheState() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt-extroot")) {
            ExtrootRoute x = new ExtrootRoute(b.steps(), b.cfg);
            prepared(b, x);
            b.board.faults().uciCommitFails = true;
            Stopped e = assertThrows(Stopped.class, () -> x.enable(P1, true));
            assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
            assertTrue(e.getMessage().contains("uci failed (exit 1): uci: I/O error"), e.getMessage());
            assertTrue(e.state().words().contains("no enabled extroot mount (read back): the board still boots its old overlay"), e.state().words());
            assertFalse(b.shell.check("cat /etc/config/fstab").text().contains("extroot"), "fstab unchanged on the flash");
        }
    }

    /** A resume's question: an enabled mount of another UUID is not this SSD's; enabled → preinit mounts it; proven → runs from it. */
    @Test
    void whereOverlayIsReadsTheMountsUuidAndProvesTheOverlay() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt-extroot")) {
            ExtrootRoute x = new ExtrootRoute(b.steps(), b.cfg);
            prepared(b, x);
            assertEquals(NvmeMigration.RootNow.NOT_YET, x.whereOverlayIs(P1, true), "copied, no mount enabled");
            b.shell.check("uci set fstab.extroot=mount && uci set fstab.extroot.uuid=0b3a6c2e-0000-4000-8000-000000000001"
                    + " && uci set fstab.extroot.enabled=1 && uci commit fstab");
            assertEquals(NvmeMigration.RootNow.NOT_YET, x.whereOverlayIs(P1, true), "enabled, but for another filesystem");
            x.enable(P1, true);
            assertEquals(NvmeMigration.RootNow.BOOTS_IT, x.whereOverlayIs(P1, true));
            x.rebootAndProve(P1, 60_000);
            assertEquals(NvmeMigration.RootNow.RUNNING_FROM_IT, x.whereOverlayIs(P1, true));
        }
    }
}
