package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.testbed.QemuLinux;

/**
 * The migration against a real Linux under QEMU: an OpenWrt-like BusyBox system moves its root to a
 * virtual NVMe SSD and boots from it (the test bed's /init plays U-Boot, booting the env's root=).
 */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealLinuxMigrationTest {

    static final String SSD = "/dev/nvme0n1";
    static final String SMALL = "/dev/nvme0n2";
    final MigrateConfig cfg = MigrateConfig.load();
    QemuLinux vm;
    ShellDriver shell;
    final List<Event> events = new ArrayList<>();
    private ShellProcedure steps;

    @BeforeAll
    void boot() throws Exception {
        assumeTrue(QemuLinux.available(), "qemu-system-x86_64, a /boot/vmlinuz-* kernel or the guest tools are missing");
        vm = QemuLinux.boot("migrate");
        shell = vm.activeShell();
    }

    @AfterAll
    void shutdown() {
        QemuLinux.stop(shell, vm);
    }

    ShellProcedure steps() {
        if (steps == null) {
            steps = new ShellProcedure(shell, new Procedure(events::add, new Cancel()));
        }
        return steps;
    }

    @Test
    @Order(1)
    void preflightSeesTheEmptySsdAndTheBoard() throws Exception {
        PreflightReport pf = new NvmeMigration(steps(), cfg, SSD).preflight("BL2 from SPI-NAND (boot log)");
        assertEquals(1L << 30, pf.deviceBytes());
        assertFalse(pf.hasData(), pf.dataSummary());
        assertTrue(pf.fwEnv());
        assertEquals("/dev/fit0", KernelCmdline.root(pf.cmdline()).orElseThrow());
        assertTrue(pf.rootUsedBytes() > 1 << 20, "root uses " + pf.rootUsedBytes());
        assertTrue(pf.bootloader().startsWith("BL2 from SPI-NAND"));
        assertTrue(events.stream().anyMatch(e -> e.kind() == Event.Kind.COMMAND && e.message().equals("cat /proc/partitions")));
    }

    @Test
    @Order(2)
    void tooSmallSsdIsRefusedBeforeItIsTouched() throws Exception {
        NvmeMigration m = new NvmeMigration(steps(), cfg, SMALL);
        PreflightReport pf = m.preflight(null);
        Stopped e = assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.ab(cfg, cfg.abRootMiB()), null));
        assertEquals(Stopped.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        assertFalse(shell.check("cat /proc/partitions").output().contains("nvme0n2p1"));
    }

    @Test
    @Order(3)
    void ssdWithDataIsRefusedWithoutTheTypedDeviceName() throws Exception {
        shell.check("mkfs.ext4 -F -q -L mydata " + SMALL);
        NvmeMigration m = new NvmeMigration(steps(), cfg, SMALL);
        PreflightReport pf = m.preflight(null);
        assertTrue(pf.hasData());
        for (String wrong : new String[] {null, "yes", "/dev/nvme0n1"}) {
            Stopped e = assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.single(cfg), wrong));
            assertEquals(Stopped.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("mydata") && e.getMessage().contains("type the device name"), e.getMessage());
        }
        assertTrue(shell.check("blkid " + SMALL).output().contains("LABEL=\"mydata\""), "data left alone");
        List<String> parts = m.partition(pf, SsdLayout.single(cfg), SMALL);
        assertEquals(List.of(SMALL + "p1"), parts);
        assertTrue(shell.check("blkid " + SMALL + "p1").output().contains("LABEL=\"nvme-root\""));
    }

    @Test
    @Order(4)
    void missingFwSetenvStopsBeforeAnythingIsChanged() throws Exception {
        shell.check("mv /usr/sbin/fw_setenv /tmp/fw_setenv.hidden");
        try {
            assertFalse(FwEnv.available(shell));
            NvmeMigration m = new NvmeMigration(steps(), cfg, SSD);
            Exception e = assertThrows(Exception.class, () -> m.pointRoot(new FwEnv(shell), SSD + "p1"));
            assertTrue(e.getMessage().contains("fw_setenv is not on this board"), e.getMessage());
            assertTrue(shell.check("fw_printenv bootargs").output().contains("root=/dev/fit0"));
        } finally {
            shell.check("mv /tmp/fw_setenv.hidden /usr/sbin/fw_setenv");
        }
    }

    @Test
    @Order(5)
    void singleRootMigrationBootsFromTheSsdAndRollsBack() throws Exception {
        long t0 = System.currentTimeMillis();
        NvmeMigration m = new NvmeMigration(steps(), cfg, SSD);
        PreflightReport pf = m.preflight(null);
        List<String> parts = m.partition(pf, SsdLayout.single(cfg), null);
        NvmeMigration.CopyReport copy = m.copy(parts.get(0));
        assertTrue(copy.files() > 100 && copy.sampled() > 3, copy.toString());
        FwEnv env = new FwEnv(shell);
        String old = m.pointRoot(env, parts.get(0));
        assertTrue(old.contains("root=/dev/fit0"));
        assertEquals("console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/nvme0n1p1 rootfstype=ext4 rootwait",
                env.read().get("bootargs"));
        long copied = System.currentTimeMillis();
        NvmeMigration.RebootReport proof = m.rebootAndProve(parts.get(0), 120_000);
        System.out.println("migration_to_verified_copy " + (copied - t0) + " ms");
        System.out.println("reboot_and_prove " + (System.currentTimeMillis() - copied) + " ms");
        // mounted by the "kernel" as /dev/root, proven by device number, not by the name
        assertTrue(proof.rootMount().contains("/dev/root on / type ext4"), proof.rootMount());
        assertTrue(proof.proof().contains("/dev/nvme0n1p1 is 259:1: the same device"), proof.proof());
        // The files the old root had are on the SSD, the system runs from them.
        assertEquals("40", shell.check("ls /www | wc -l").text().strip());
        assertTrue(shell.check("cat /etc/config/network").output().contains("192.168.1.1"));

        m.rollback(env);
        assertEquals("console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/fit0 rootwait", env.read().get("bootargs"));
        Stopped e = assertThrows(Stopped.class, () -> m.rebootAndProve(parts.get(0), 120_000));
        assertTrue(e.getMessage().contains("not /dev/nvme0n1p1"), e.getMessage());
        assertEquals("/dev/fit0", KernelCmdline.root(shell.check("cat /proc/cmdline").text()).orElseThrow());
    }
}
