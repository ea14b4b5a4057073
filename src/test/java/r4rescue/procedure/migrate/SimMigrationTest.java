package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Stopped;
import r4rescue.sim.state.FileEntry;
import r4rescue.sim.state.Partition;
import r4rescue.sim.uboot.EnvStore;

/** The first-time migration end to end on the simulated BPI-R4, asserting what the board ends up with. */
@Tag("sim")
class SimMigrationTest {

    private static String bootargs(SimBench b) {
        return new EnvStore(b.board.state(), b.board.state().bootMedium()).load().env().get("bootargs");
    }

    @Test
    void singleRootMigrationBootsFromNvme() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            long t0 = System.nanoTime();
            String before = bootargs(b);
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            assertFalse(pf.hasData(), pf.dataSummary());
            assertTrue(pf.fwEnv());
            assertEquals(500L * 1_000_000_000L / 512 * 512, pf.deviceBytes());
            List<String> parts = m.partition(pf, SsdLayout.single(b.cfg), null);
            assertEquals(List.of("/dev/nvme0n1p1"), parts);
            NvmeMigration.CopyReport copy = m.copy(parts.get(0));
            assertTrue(copy.files() > 250 && copy.sampled() > 10, copy.toString());
            m.pointRoot(new FwEnv(b.shell), parts.get(0));
            String after = bootargs(b);
            assertEquals(KernelCmdline.withRoot(before, "/dev/nvme0n1p1"), after);
            assertEquals(before.replace("root=/dev/fit0", "root=/dev/nvme0n1p1 rootfstype=ext4"), after);
            NvmeMigration.RebootReport r = m.rebootAndProve(parts.get(0), 60_000);
            assertTrue(r.bootLog().contains("EXT4-fs (nvme0n1p1): mounted"), r.bootLog());
            assertTrue(r.bootLog().contains("VFS: Mounted root (ext4 filesystem)"), r.bootLog());
            assertTrue(r.rootMount().contains("/dev/root on / type ext4"), r.rootMount());
            Partition p = b.nvme(1);
            assertEquals("nvme-root", p.fs.label);
            assertEquals("nvme-root", p.name);
            assertTrue(p.fs.files.containsKey("/etc/config/network"));
            assertTrue(p.fs.files.containsKey("/bin/busybox"));
            assertEquals('d', p.fs.files.get("/proc").kind);
            assertEquals(01777, p.fs.files.get("/tmp").mode);
            assertFalse(p.fs.files.keySet().stream().anyMatch(f -> f.startsWith("/proc/") || f.startsWith("/mnt/")));
            assertEquals(before, b.shell.run("fw_printenv -n r4rescue_prev_bootargs").text());
            System.out.printf("sim-migrate-single %.2f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    @Test
    void abMigrationMakesThreePartitionsAndBootsRootA() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            long t0 = System.nanoTime();
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight("BL2 from SPI-NAND");
            List<String> parts = m.partition(pf, SsdLayout.ab(b.cfg, b.cfg.abRootMiB()), null);
            assertEquals(3, parts.size());
            m.copy(parts.get(0));
            m.pointRoot(new FwEnv(b.shell), parts.get(0));
            m.rebootAndProve(parts.get(0), 60_000);
            assertEquals(List.of("root-A", "root-B", "data"), b.board.state().nvme.partitions.stream().map(x -> x.fs.label).toList());
            assertEquals(8192L << 20, b.nvme(1).size);
            assertEquals(8192L << 20, b.nvme(2).size);
            assertTrue(b.nvme(3).size > 400_000_000_000L);
            assertTrue(b.nvme(1).fs.files.containsKey("/etc/openwrt_release"));
            assertEquals(2, b.nvme(2).fs.files.size(), "root-B is a fresh, empty filesystem");
            AbSlots.Status st = new AbSlots(b.steps(), b.cfg, "/dev/nvme0n1").status();
            assertEquals("A", st.activeSlot());
            System.out.printf("sim-migrate-ab %.2f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Cancel while the SSD is being formatted: the mkfs under way ends and is checked (the state is not
     * safe to leave while it runs), then the procedure stops before its next step, saying the board's state.
     */
    @Test
    void cancelDuringFormatStopsAfterItAtTheNextStep() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            b.events.clear();
            b.tap = e -> {
                if (e.kind() == Event.Kind.STEP && e.step().startsWith("Format ")) {
                    b.cancel.request();
                }
            };
            List<String> parts = m.partition(pf, SsdLayout.single(b.cfg), null);
            assertTrue(b.cancel.requested());
            Stopped s = assertThrows(Stopped.class, () -> m.copy(parts.get(0)));
            assertEquals(Stopped.Kind.CANCELLED, s.kind());
            assertEquals(BoardState.Kind.VERIFIED, s.state().kind(), s.state().toString());
            assertTrue(s.getMessage().startsWith("Cancelled. /dev/nvme0n1 partitioned and formatted up to /dev/nvme0n1p1"), s.getMessage());
            assertEquals("nvme-root", b.nvme(1).fs.label, "the mkfs under way finished");
            assertFalse(b.commands().stream().anyMatch(c -> c.contains("tar ")), b.commands().toString());
        }
    }

    @Test
    void abLayoutOnTooSmallSsdIsRefusedUntouched() throws Exception {
        try (SimBench b = new SimBench("small-nvme")) {
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            Stopped e = assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.ab(b.cfg, b.cfg.abRootMiB()), null));
            assertEquals(Stopped.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("too small"), e.getMessage());
            assertTrue(b.board.state().nvme.partitions.isEmpty());
            assertNull(b.board.state().nvme.label);
            assertFalse(b.commands().stream().anyMatch(c -> !c.startsWith("which ") && (c.contains("sfdisk") || c.contains("mkfs"))), b.commands().toString());
        }
    }

    @Test
    void ssdWithDataIsRefusedWithoutTheTypedDeviceName() throws Exception {
        try (SimBench b = new SimBench("nvme-data")) {
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            assertTrue(pf.hasData());
            assertTrue(pf.dataSummary().contains("LABEL=\"archive\""), pf.dataSummary());
            for (String typed : new String[] {null, "nvme0n1", "/dev/nvme0n1p1"}) {
                Stopped e = assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.single(b.cfg), typed));
                assertEquals(Stopped.Kind.REFUSED, e.kind());
                assertTrue(e.getMessage().contains("type the device name"), e.getMessage());
            }
            assertEquals(1, b.board.state().nvme.partitions.size());
            Partition p = b.nvme(1);
            assertEquals("archive", p.fs.label);
            FileEntry f = p.fs.files.get("/notes.txt");
            assertEquals("do not lose\n", new String(f.bytes()));
            assertFalse(b.commands().stream().anyMatch(c -> !c.startsWith("which ") && (c.contains("sfdisk") || c.contains("mkfs"))));
            // Typed right, it goes ahead.
            List<String> parts = m.partition(pf, SsdLayout.single(b.cfg), "/dev/nvme0n1");
            assertEquals("nvme-root", b.nvme(1).fs.label);
            assertNull(b.nvme(1).fs.files.get("/notes.txt"));
            assertEquals(List.of("/dev/nvme0n1p1"), parts);
        }
    }
}
