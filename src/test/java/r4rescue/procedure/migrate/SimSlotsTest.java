package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.backup.SysupgradeSafety;
import r4rescue.procedure.checklist.ProductionChecklist;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.sim.uboot.EnvStore;
import r4rescue.util.Hashes;

/** A/B slots, sysupgrade safety and the checklist on the simulated, already migrated board (nvme-root). */
@Tag("sim")
class SimSlotsTest {

    @TempDir
    Path dir;

    private static String bootargs(SimBench b) {
        return new EnvStore(b.board.state(), b.board.state().bootMedium()).load().env().get("bootargs");
    }

    @Test
    void upgradeSwitchAndRollback() throws Exception {
        try (SimBench b = new SimBench("nvme-root")) {
            long t0 = System.nanoTime();
            AbSlots ab = new AbSlots(b.steps(), b.cfg, "/dev/nvme0n1");
            AbSlots.Status st = ab.status();
            assertEquals("A", st.activeSlot());
            assertEquals("24.10.1", st.slots().get(1).release());
            Stopped bad = assertThrows(Stopped.class, () -> ab.upgradeInactive("/etc/passwd", new FwEnv(b.shell), q -> true));
            assertEquals(Stopped.Kind.REFUSED, bad.kind());
            assertTrue(b.nvme(2).fs.files.containsKey("/etc/openwrt_release"), "slot B untouched by the refused upgrade");

            b.shell.check("mkdir -p /tmp/new && (cd / && tar -cf - bin sbin etc lib usr root www) | tar -C /tmp/new -xf - "
                    + "&& echo \"DISTRIB_RELEASE='25.12.0'\" > /tmp/new/etc/openwrt_release && tar -czf /tmp/rootfs.tar.gz -C /tmp/new .");
            assertEquals("B", ab.upgradeInactive("/tmp/rootfs.tar.gz", new FwEnv(b.shell), q -> true));
            assertTrue(new String(b.nvme(2).fs.files.get("/etc/openwrt_release").bytes()).contains("25.12.0"));
            assertEquals("25.12.0", ab.status().slots().get(1).release());

            String before = bootargs(b);
            ab.switchTo("B", new FwEnv(b.shell));
            assertEquals(before.replace("nvme0n1p1", "nvme0n1p2"), bootargs(b));
            new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1").rebootAndProve(ab.partition("B"), 60_000);
            assertEquals("B", ab.status().activeSlot());
            assertTrue(b.shell.check("cat /etc/openwrt_release").output().contains("25.12.0"));

            ab.rollback(new FwEnv(b.shell));
            assertEquals(before, bootargs(b));
            new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1").rebootAndProve(ab.partition("A"), 60_000);
            assertEquals("A", ab.status().activeSlot());
            assertTrue(b.shell.check("mount").output().contains("/dev/root on / type ext4"));
            System.out.printf("sim-slot-upgrade-switch-rollback %.2f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    @Test
    void backupReachesTheHostWithMatchingSha256AndUnkeptFilesAreFound() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            b.shell.check("echo '0 4 * * * /sbin/reboot' > /etc/crontab.root");
            SysupgradeSafety s = new SysupgradeSafety(b.steps());
            Path local = dir.resolve("backup.tar.gz");
            s.backup(local, new ConsoleFileTransfer(b.shell));
            byte[] saved = Files.readAllBytes(local);
            assertTrue(saved.length > 100 && (saved[0] & 0xff) == 0x1f && (saved[1] & 0xff) == 0x8b, "a gzip archive");
            String boardSha = b.shell.check("sha256sum /tmp/backup.tar.gz").output();
            assertTrue(boardSha.startsWith(Hashes.sha256Hex(Files.readAllBytes(local))), boardSha);
            assertTrue(s.keepList().contains("/etc/config/network"));
            assertEquals(List.of("/etc/crontab.root"), s.uncovered());
            s.keep("/etc/crontab.root");
            assertEquals(List.of(), s.uncovered());
        }
    }

    @Test
    void checklistOnTheMigratedBoard() throws Exception {
        try (SimBench b = new SimBench("nvme-root")) {
            ProductionChecklist.Report r = new ProductionChecklist(b.steps(), b.cfg, "/dev/nvme0n1").run(null, "sim:nvme-root",
                    Map.of("fallback-sd", new ProductionChecklist.Attestation("tester", "2026-11-25", "SD boot seen")));
            Map<String, ProductionChecklist.Result> byId = new HashMap<>();
            r.items().forEach(i -> byId.put(i.id(), i));
            assertEquals(8, r.items().size());
            assertEquals(ProductionChecklist.Status.PASS, byId.get("bootloader-on-flash").status());
            assertTrue(byId.get("bootloader-on-flash").evidence().contains("/proc/mtd lists bl2"));
            assertEquals(ProductionChecklist.Status.PASS, byId.get("root-on-nvme").status());
            assertTrue(byId.get("root-on-nvme").evidence().contains("/ is device 259:1 (ext4, named /dev/root); /dev/nvme0n1p1 is 259:1: the same device"),
                    byId.get("root-on-nvme").evidence());
            assertEquals(ProductionChecklist.Status.PASS, byId.get("bootargs-root").status());
            assertEquals(ProductionChecklist.Status.PASS, byId.get("ab-partitions").status());
            assertEquals(ProductionChecklist.Status.ATTESTED, byId.get("fallback-sd").status());
            assertEquals(ProductionChecklist.Status.NOT_ATTESTED, byId.get("data-backup").status());
            assertFalse(r.passed());
            assertEquals("R4SIM0000001", r.board().serial());
            assertTrue(r.board().macs().contains("eth0 3a:6c:1e:52:7b:01"), r.board().macs().toString());
            assertEquals("6.6.86", r.board().kernel());
        }
    }

    @Test
    void checklistOnANandRootFails() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            ProductionChecklist.Report r = new ProductionChecklist(b.steps(), b.cfg, "/dev/nvme0n1").run(null, "sim", Map.of());
            Map<String, ProductionChecklist.Result> byId = new HashMap<>();
            r.items().forEach(i -> byId.put(i.id(), i));
            assertEquals(ProductionChecklist.Status.FAIL, byId.get("root-on-nvme").status());
            assertTrue(byId.get("root-on-nvme").evidence().contains("/rom is device 259:0 (squashfs, named /dev/root)"), byId.get("root-on-nvme").evidence());
            assertEquals(ProductionChecklist.Status.FAIL, byId.get("bootargs-root").status());
            assertTrue(byId.get("bootargs-root").evidence().contains("root=/dev/fit0"));
            assertEquals(ProductionChecklist.Status.NOT_APPLICABLE, byId.get("ab-partitions").status());
        }
    }
}
