package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.testbed.QemuLinux;
import r4rescue.util.Hashes;

/**
 * The stock variant of the QEMU bed (build-initramfs.sh "stock": NVMe from a module under
 * /lib/modules, listed in /proc/modules; no sfdisk, fdisk, lsblk or blkid): the preflight refuses
 * root= with the reason before anything is written (SSD and environment images byte-identical on the
 * host), and the bed's kernel really waits for an NVMe root.
 */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealLinuxStockTest {

    final MigrateConfig cfg = MigrateConfig.load();
    QemuLinux vm;
    ShellDriver shell;

    @BeforeAll
    void boot() throws Exception {
        assumeTrue(QemuLinux.available(), "qemu-system-x86_64, a /boot/vmlinuz-* kernel or the guest tools are missing");
        vm = QemuLinux.boot("stock", QemuLinux.Variant.STOCK);
        shell = vm.activeShell();
    }

    @AfterAll
    void shutdown() {
        QemuLinux.stop(shell, vm);
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = Hashes.sha256();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return Hashes.hex(md.digest());
    }

    @Test
    @Order(1)
    void migrationStopsBeforeWritingAndSaysWhy() throws Exception {
        shell.check("sync");
        String ssd = sha256(vm.image("main"));
        String env = sha256(vm.image("env"));
        NvmeMigration m = new NvmeMigration(new ShellProcedure(shell, new Procedure(e -> { }, new Cancel())), cfg, "/dev/nvme0n1");
        PreflightReport pf = m.preflight(null);
        assertEquals("module", pf.nvmeDriver());
        assertEquals(MigrationRoute.Kind.EXTROOT, pf.route().kind(), pf.route().toString());
        assertFalse(pf.hasData(), "the empty SSD is told empty without blkid: " + pf.dataSummary());
        assertFalse(pf.tools().contains("sfdisk") || pf.tools().contains("fdisk") || pf.tools().contains("blkid"), pf.tools().toString());
        Stopped e = assertThrows(Stopped.class, () -> m.partition(pf, SsdLayout.single(cfg), null));
        assertEquals(Stopped.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("Waiting for root device"), e.getMessage());
        shell.check("sync");
        assertEquals(ssd, sha256(vm.image("main")), "SSD byte-identical");
        assertEquals(env, sha256(vm.image("env")), "environment byte-identical");
    }

    @Test
    @Order(2)
    void theStockKernelWaitsForAnNvmeRoot() throws Exception {
        shell.check("fw_setenv bootargs 'console=ttyS0,115200n1 root=/dev/nvme0n1p1 rootwait'");
        StringBuilder log = new StringBuilder();
        shell.sendFinal("reboot");
        assertThrows(Exception.class, () -> shell.awaitReboot(120_000, log, new RootBootWatch(3_000)));
        assertTrue(log.toString().contains("Waiting for root device /dev/nvme0n1p1..."), log.toString());
    }
}
