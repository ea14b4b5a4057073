package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.sim.state.Partition;

/**
 * Partitioning stock OpenWrt's SSD with no sfdisk and no fdisk: a GPT from the host, sent in checked
 * chunks, dd'd, read back, and re-read by reloading the nvme module.
 */
@Tag("sim")
class SimHostGptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEV = "/dev/nvme0n1";

    @Test
    void stockBoardGetsItsPartitionsWithoutFdiskOrSfdisk() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt")) {
            PreflightReport pf = new NvmeMigration(b.steps(), b.cfg, DEV).preflight(null);
            assertFalse(pf.tools().contains("fdisk") || pf.tools().contains("sfdisk"), pf.tools().toString());
            assertFalse(pf.route().commands().stream().anyMatch(c -> c.contains("install fdisk")), pf.route().commands().toString());
            String reread = HostGpt.rereadCommand(pf.nvmeDriver(), pf.tools(), DEV);
            assertEquals("rmmod nvme && insmod nvme", reread);
            SsdLayout ab = SsdLayout.ab(b.cfg, b.cfg.abRootMiB());
            String done = HostGpt.overConsole(b.steps(), DEV).write(GptImage.of(ab, b.cfg, pf.deviceBytes()), reread);
            assertTrue(done.contains("re-read by: rmmod nvme && insmod nvme"), done);
            String table = b.shell.check("cat /proc/partitions").text();
            for (int i = 1; i <= 3; i++) {
                assertTrue(table.contains("nvme0n1p" + i), table);
            }
            List<Partition> parts = b.board.state().nvme.partitions;
            assertEquals(ab.labels(), parts.stream().map(p -> p.name).toList());
            assertEquals(1L << 20, parts.get(0).start);
            assertEquals((long) b.cfg.abRootMiB() << 20, parts.get(0).size);
            assertFalse(b.commands().stream().anyMatch(c -> !c.startsWith("which ") && c.matches(".*\\b(sfdisk|fdisk|blockdev|partx)\\b.*")),
                    b.commands().toString());
            // the kernel's new partitions take a filesystem
            b.shell.check("mkfs.ext4 -F -q -L " + ab.labels().get(0) + " /dev/nvme0n1p1");
        }
    }

    @Test
    void aCorruptedTransferIsRefusedBeforeDdTouchesTheSsd() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt")) {
            PreflightReport pf = new NvmeMigration(b.steps(), b.cfg, DEV).preflight(null);
            byte[] before = JSON.writeValueAsBytes(b.board.state().nvme);
            ConsoleFileTransfer xfer = new ConsoleFileTransfer(b.shell);
            // a transfer that lands one flipped byte in the primary table's file on the board
            HostGpt gpt = new HostGpt(b.steps(), DEV, (data, remote) -> {
                byte[] sent = data.clone();
                if (remote.equals(HostGpt.HEAD_FILE)) {
                    sent[600] ^= 0x10;
                }
                return xfer.upload(sent, remote, b.steps().token());
            });
            Stopped e = assertThrows(Stopped.class, () -> gpt.write(
                    GptImage.of(SsdLayout.single(b.cfg), b.cfg, pf.deviceBytes()), HostGpt.rereadCommand(pf.nvmeDriver(), pf.tools(), DEV)));
            assertTrue(e.getMessage().contains("differ from this computer's") && e.getMessage().contains("Nothing was written"), e.getMessage());
            assertFalse(b.commands().stream().anyMatch(c -> c.contains("of=" + DEV)), b.commands().toString());
            assertArrayEquals(before, JSON.writeValueAsBytes(b.board.state().nvme), "the SSD's bytes unchanged");
        }
    }

    @Test
    void aFailedDdStopsWithTheBoardStateAndNoReread() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt")) {
            PreflightReport pf = new NvmeMigration(b.steps(), b.cfg, DEV).preflight(null);
            b.board.faults().deviceWriteFails = DEV;
            b.board.faults().deviceWriteFailsAfter = 0;
            Stopped e = assertThrows(Stopped.class, () -> HostGpt.overConsole(b.steps(), DEV).write(
                    GptImage.of(SsdLayout.single(b.cfg), b.cfg, pf.deviceBytes()), HostGpt.rereadCommand(pf.nvmeDriver(), pf.tools(), DEV)));
            assertTrue(e.getMessage().contains("Writing the partition table with dd failed") && e.getMessage().contains("I/O error"), e.getMessage());
            assertFalse(b.commands().stream().anyMatch(c -> c.startsWith("rmmod")), b.commands().toString());
            assertTrue(b.board.state().nvme.partitions.isEmpty());
        }
    }

    @Test
    void aBuiltInDriverWithNoWayToRereadStopsBeforeSendingAnything() {
        assertNull(HostGpt.rereadCommand("builtin", List.of("rmmod", "insmod"), DEV));
        assertEquals("blockdev --rereadpt " + DEV, HostGpt.rereadCommand("builtin", List.of("blockdev", "partx"), DEV));
        assertEquals("partx -u " + DEV, HostGpt.rereadCommand("builtin", List.of("partx"), DEV));
        assertNull(HostGpt.rereadCommand("module", List.of("insmod"), DEV), "rmmod and insmod both needed");
    }
}
