package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.slots.RootfsArchive;
import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.backup.SysupgradeSafety;
import r4rescue.procedure.checklist.ProductionChecklist;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.testbed.QemuLinux;
import r4rescue.util.Hashes;

/** sysupgrade safety, the A/B layout with an upgrade, switch and rollback, and the checklist, on real Linux. */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealLinuxSlotsTest {

    static final String SSD = "/dev/nvme0n1";
    final MigrateConfig cfg = MigrateConfig.load();
    QemuLinux vm;
    ShellDriver shell;
    Path dir;

    @BeforeAll
    void boot() throws Exception {
        assumeTrue(QemuLinux.available(), "qemu-system-x86_64, a /boot/vmlinuz-* kernel or the guest tools are missing");
        vm = QemuLinux.boot("slots");
        dir = vm.dir();
        shell = vm.activeShell();
    }

    @AfterAll
    void shutdown() {
        QemuLinux.stop(shell, vm);
    }

    private ShellProcedure steps;

    ShellProcedure steps() {
        if (steps == null) {
            steps = new ShellProcedure(shell, new Procedure(e -> System.out.println(e.kind() + " " + e.message()), new Cancel()));
        }
        return steps;
    }

    @Test
    @Order(1)
    void sysupgradeBackupReachesTheHostAndUnkeptChangesAreFound() throws Exception {
        SysupgradeSafety s = new SysupgradeSafety(steps());
        Path local = dir.resolve("backup.tar.gz");
        s.backup(local, new ConsoleFileTransfer(shell));
        assertTrue(RootfsArchive.check(local).gzip());
        assertTrue(shell.check("sha256sum /tmp/backup.tar.gz").output().startsWith(Hashes.sha256Hex(Files.readAllBytes(local))));
        assertTrue(s.keepList().contains("/etc/config/network"));
        assertEquals(List.of("/etc/crontab.root"), s.uncovered());
        s.keep("/etc/crontab.root");
        assertEquals(List.of(), s.uncovered());
    }

    @Test
    @Order(2)
    void abLayoutUpgradeSwitchAndRollback() throws Exception {
        NvmeMigration m = new NvmeMigration(steps(), cfg, SSD);
        PreflightReport pf = m.preflight("BL2 from SPI-NAND (boot log)");
        List<String> parts = m.partition(pf, SsdLayout.ab(cfg, 300), null);
        assertEquals(3, parts.size());
        m.copy(parts.get(0));
        FwEnv env = new FwEnv(shell);
        m.pointRoot(env, parts.get(0));
        m.rebootAndProve(parts.get(0), 120_000);

        AbSlots ab = new AbSlots(steps(), cfg, SSD);
        AbSlots.Status st = ab.status();
        assertEquals("A", st.activeSlot());
        assertEquals("root-A", st.slots().get(0).label());
        assertEquals("root-B", st.slots().get(1).label());
        assertEquals("24.10.1", st.slots().get(0).release());

        // A file that is not a root filesystem is refused before slot B is touched.
        Stopped bad = assertThrows(Stopped.class, () -> ab.upgradeInactive("/etc/passwd", env, q -> true));
        assertEquals(Stopped.Kind.REFUSED, bad.kind());

        // The "new release": this root with another release string, as a gzip tarball on the board.
        shell.check("mkdir -p /tmp/new && (cd / && tar -cf - bin sbin etc lib lib64 usr root www init) | tar -C /tmp/new -xf - "
                + "&& sed -i s/24.10.1/25.12.0/ /tmp/new/etc/openwrt_release && tar -czf /tmp/rootfs.tar.gz -C /tmp/new . && rm -rf /tmp/new");
        assertEquals("B", ab.upgradeInactive("/tmp/rootfs.tar.gz", env, q -> true));
        assertEquals("25.12.0", ab.status().slots().get(1).release());
        ab.switchTo("B", env);
        new NvmeMigration(steps(), cfg, SSD).rebootAndProve(ab.partition("B"), 120_000);
        assertEquals("B", ab.status().activeSlot());
        assertTrue(shell.check("cat /etc/openwrt_release").output().contains("25.12.0"));

        ab.rollback(env);
        new NvmeMigration(steps(), cfg, SSD).rebootAndProve(ab.partition("A"), 120_000);
        assertEquals("A", ab.status().activeSlot());
    }

    @Test
    @Order(3)
    void checklistOnTheMigratedBoard() throws Exception {
        ProductionChecklist.Report r = new ProductionChecklist(steps(), cfg, SSD).run("BL2 from SPI-NAND (boot log)", "/dev/pts/test",
                Map.of("fallback-sd", new ProductionChecklist.Attestation("tester", "2026-11-25", "SD boot seen")));
        Map<String, ProductionChecklist.Status> byId = new java.util.HashMap<>();
        r.items().forEach(i -> byId.put(i.id(), i.status()));
        assertEquals(8, r.items().size());
        assertEquals(ProductionChecklist.Status.PASS, byId.get("bootloader-on-flash"));
        assertEquals(ProductionChecklist.Status.PASS, byId.get("root-on-nvme"));
        assertEquals(ProductionChecklist.Status.PASS, byId.get("bootargs-root"));
        assertEquals(ProductionChecklist.Status.PASS, byId.get("ab-partitions"));
        assertEquals(ProductionChecklist.Status.PASS, byId.get("sysupgrade-conf"), "crontab.root was kept in step 1");
        assertEquals(ProductionChecklist.Status.ATTESTED, byId.get("fallback-sd"));
        assertEquals(ProductionChecklist.Status.NOT_ATTESTED, byId.get("data-backup"));
        assertFalse(r.passed(), "the data backup is not attested");
        assertTrue(r.markdown().contains("| 2 | Root filesystem is on NVMe"), r.markdown());
        assertTrue(r.json().contains("\"macs\""));
        System.out.println(r.markdown());
    }
}
