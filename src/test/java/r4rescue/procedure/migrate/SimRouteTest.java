package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.core.Stopped;
import r4rescue.sim.uboot.EnvStore;

/**
 * The route the preflight picks on boards like the real ones (facts §12): stock OpenWrt (NVMe as a
 * module, no sfdisk/fdisk/lsblk/blkid), no kmod-nvme at all, and a built-in NVMe kernel without
 * sfdisk or blkid; and the root proven by device number where the kernel shows {@code /dev/root}.
 */
@Tag("sim")
class SimRouteTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> env(SimBench b) {
        return new TreeMap<>(new EnvStore(b.board.state(), b.board.state().bootMedium()).load().env());
    }

    /** healthy-nand with changes: a scenario file the sim loads like a built-in one. */
    private String scenario(String name, String nvmeDriver, String... absent) throws Exception {
        String json = new String(getClass().getResourceAsStream("/r4rescue/sim/scenarios/healthy-nand.json").readAllBytes())
                .replace("\"partitions\": []", "\"driver\": \"" + nvmeDriver + "\", \"partitions\": []")
                .replace("\"name\": \"healthy-nand\"", "\"name\": \"" + name + "\"");
        if (absent.length > 0) {
            json = json.replaceFirst("}\\s*$", ", \"absentFiles\": " + JSON.writeValueAsString(List.of(absent)) + "}");
        }
        Path f = tmp.resolve(name + ".json");
        Files.writeString(f, json);
        return f.toString();
    }

    @Test
    void stockOpenWrtStopsBeforeWritingWithTheReasonAndTheWayForward() throws Exception {
        try (SimBench b = new SimBench("stock-openwrt")) {
            byte[] before = JSON.writeValueAsBytes(b.board.state());
            Map<String, String> envBefore = env(b);
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            assertEquals("module", pf.nvmeDriver());
            assertEquals(MigrationRoute.Kind.EXTROOT, pf.route().kind(), pf.route().toString());
            assertTrue(String.join(" ", pf.route().reasons()).contains("nvme is listed in /proc/modules"), pf.route().reasons().toString());
            assertTrue(String.join(" ", pf.route().reasons()).contains("Waiting for root device"));
            assertFalse(pf.hasData(), "an empty SSD is empty without blkid: " + pf.dataSummary());
            assertFalse(pf.tools().contains("blkid") || pf.tools().contains("sfdisk") || pf.tools().contains("lsblk"), pf.tools().toString());
            Stopped e = assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.single(b.cfg), null));
            assertEquals(Stopped.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("extroot") && e.getMessage().contains("Nothing was changed"), e.getMessage());
            assertFalse(b.commands().stream().anyMatch(c -> !c.startsWith("which ") && c.matches(".*\\b(sfdisk|fdisk|mkfs\\.ext4|blkid|lsblk|fw_setenv)\\b.*")),
                    b.commands().toString());
            assertArrayEquals(before, JSON.writeValueAsBytes(b.board.state()), "SSD, flash and environment byte-identical");
            assertEquals(envBefore, env(b));
        }
    }

    @Test
    void noNvmeDriverNamesKmodNvmeAndTheInstallCommand() throws Exception {
        try (SimBench b = new SimBench(scenario("no-kmod-nvme", "none"))) {
            byte[] before = JSON.writeValueAsBytes(b.board.state());
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            assertEquals(MigrationRoute.Kind.NONE, pf.route().kind());
            assertTrue(pf.route().reasons().get(0).contains("kmod-nvme"), pf.route().reasons().toString());
            assertEquals(List.of("opkg update && opkg install kmod-nvme"), pf.route().commands());
            assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.single(b.cfg), null));
            assertArrayEquals(before, JSON.writeValueAsBytes(b.board.state()));
        }
    }

    @Test
    void anEmptySlotSaysThePcieLinkIsDown() throws Exception {
        try (SimBench b = new SimBench("no-nvme")) {
            PreflightReport pf = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1").preflight(null);
            assertEquals(MigrationRoute.Kind.NONE, pf.route().kind());
            assertTrue(pf.route().reasons().get(0).contains("PCIe link is down (\"mtk-pcie-gen3 11280000.pcie: PCIe link down"),
                    pf.route().reasons().toString());
            assertEquals(List.of(), pf.route().commands(), "not kmod-nvme: the SSD is not seen at all");
        }
    }

    @Test
    void stockKernelWaitsForAnNvmeRootForever() throws Exception {
        // The bed itself: root= on a modular NVMe hangs with the kernel's words, as facts §12 says.
        try (SimBench b = new SimBench("stock-openwrt")) {
            b.shell.check("fw_setenv bootargs 'console=ttyS0,115200n1 root=/dev/nvme0n1p1 rootwait'");
            StringBuilder log = new StringBuilder();
            b.shell.sendFinal("reboot");
            assertThrows(Exception.class, () -> b.shell.awaitReboot(60_000, log, new RootBootWatch(500)));
            assertTrue(log.toString().contains("Waiting for root device /dev/nvme0n1p1..."), log.toString());
        }
    }

    @Test
    void builtInNvmeWithoutSfdiskOrBlkidMigratesAndProvesDevRoot() throws Exception {
        try (SimBench b = new SimBench(scenario("builtin-no-tools", "builtin", "/usr/sbin/sfdisk", "/usr/sbin/blkid", "/usr/bin/lsblk"))) {
            long t0 = System.nanoTime();
            Map<String, String> envBefore = env(b);
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            assertEquals(MigrationRoute.Kind.ROOT_ARG, pf.route().kind(), pf.route().toString());
            assertFalse(pf.hasData(), pf.dataSummary());
            List<String> parts = m.partition(pf, SsdLayout.single(b.cfg), null);
            assertEquals("dos", b.board.state().nvme.label, "fdisk made an MBR");
            m.copy(parts.get(0));
            m.pointRoot(new FwEnv(b.shell), parts.get(0));
            NvmeMigration.RebootReport r = m.rebootAndProve(parts.get(0), 60_000);
            assertTrue(r.rootMount().contains("/dev/root on / type ext4"), r.rootMount());
            assertTrue(r.proof().contains("/dev/nvme0n1p1 is 259:1: the same device"), r.proof());
            Map<String, String> envAfter = env(b);
            assertEquals(envBefore.get("bootargs"), envAfter.remove("r4rescue_prev_bootargs"));
            assertEquals(KernelCmdline.withRoot(envBefore.get("bootargs"), "/dev/nvme0n1p1"), envAfter.remove("bootargs"));
            envBefore.remove("bootargs");
            assertEquals(envBefore, envAfter, "every other variable kept");
            assertFalse(b.commands().stream().anyMatch(c -> !c.startsWith("which ") && c.matches(".*\\b(sfdisk|blkid|lsblk)\\b.*")),
                    b.commands().toString());
            System.out.printf("sim-migrate-builtin-no-tools %.2f s%n", (System.nanoTime() - t0) / 1e9);

            // The rollback is proven the same way: OpenWrt's squashfs root (/rom) is /dev/fit0 by device number.
            m.rollback(new FwEnv(b.shell));
            NvmeMigration.RebootReport back = m.rebootAndProve("/dev/fit0", 60_000);
            assertTrue(back.proof().contains("/rom is device 259:0 (squashfs, named /dev/root); /dev/fit0 is 259:0: the same device"), back.proof());
            Stopped still = assertThrows(Stopped.class, () -> m.rebootAndProve(parts.get(0), 60_000));
            assertTrue(still.getMessage().contains("a different device"), still.getMessage());
        }
    }

    @Test
    void aSystemRunningFromTheSdCardStopsUnlessForced() throws Exception {
        try (SimBench b = new SimBench("sd-rescue")) {
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            assertEquals(MigrationRoute.Kind.NONE, pf.route().kind(), pf.route().toString());
            assertTrue(pf.route().reasons().get(0).contains("/dev/mmcblk0p7 and mmcblk0 is an SD card"), pf.route().reasons().toString());
            assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.single(b.cfg), null));
            assertEquals(MigrationRoute.Kind.ROOT_ARG, m.preflight(null, true).route().kind());
        }
    }

    @Test
    void usedSsdIsSeenWithoutBlkid() throws Exception {
        try (SimBench b = new SimBench(scenario("used-no-blkid", "builtin", "/usr/sbin/blkid", "/usr/bin/lsblk"))) {
            b.board.state().nvme.label = "gpt";
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            assertTrue(pf.hasData());
            assertTrue(pf.dataSummary().contains("GPT partition table"), pf.dataSummary());
            Stopped e = assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.single(b.cfg), null));
            assertTrue(e.getMessage().contains("type the device name"), e.getMessage());
        }
    }
}
