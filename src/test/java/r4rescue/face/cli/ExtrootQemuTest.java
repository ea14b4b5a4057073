package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static r4rescue.face.cli.ShellCommandsQemuTest.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import r4rescue.console.Console;
import r4rescue.face.cli.ShellCommandsQemuTest.Run;
import r4rescue.link.SerialLink;
import r4rescue.procedure.migrate.DeviceProof;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.testbed.QemuLinux;

/**
 * `migrate --yes` and `migrate --rollback` on the QEMU stock bed with block-mount (build-initramfs.sh
 * "stock_block_mount"): NVMe as a module, no sfdisk/fdisk/blkid/od, / an overlay of /rom and the flash's
 * rootfs_data (/dev/vda), and a preinit `block extroot` that reads the fstab from the flash's overlay as
 * fstools does. The route is extroot with the GPT computed on the host (rmmod/insmod nvme re-reads it);
 * after the reboot /overlay is the SSD partition by device number, after the rollback the flash again.
 */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtrootQemuTest {

    static final String PART = "/dev/nvme0n1p1";
    QemuLinux vm;
    String port;

    @BeforeAll
    void boot() throws Exception {
        assumeTrue(QemuLinux.available(), "qemu-system-x86_64, a /boot/vmlinuz-* kernel or the guest tools are missing");
        vm = QemuLinux.boot("extroot", QemuLinux.Variant.STOCK_BLOCK_MOUNT);
        vm.releaseConsole();
        port = "pty:" + vm.ptyPath();
    }

    @AfterAll
    void shutdown() {
        QemuLinux.stop(null, vm);
    }

    /** A shell of the test's own on the console, between two CLI runs (the CLI has the pty alone while it runs). */
    interface OnShell {
        void with(ShellDriver shell) throws Exception;
    }

    void onShell(OnShell body) throws Exception {
        try (Console c = new Console(new SerialLink(vm.ptyPath(), 115200))) {
            c.open();
            try (ShellDriver shell = new ShellDriver(c)) {
                // the first call waits out the guest's boot, which takes minutes on a loaded 2-core machine (TCG)
                shell.activate(null, 180_000);
                body.with(shell);
            }
        }
    }

    @Test
    @Order(1)
    void migrateRunsExtrootWithAHostGptAndProvesOverlayByDeviceNumber() throws Exception {
        onShell(shell -> {
            assertTrue(DeviceProof.prove(shell, "/overlay", "/dev/vda").proven(), "the bed starts on the flash's rootfs_data");
            assertFalse(shell.run("which sfdisk fdisk blkid od").ok(), "stock OpenWrt has none of them");
        });
        long t0 = System.currentTimeMillis();
        Run m = cli("migrate", "-p", port, "--yes");
        System.out.println("extroot_migrate_cli " + (System.currentTimeMillis() - t0) + " ms");
        assertEquals(MainCommand.OK, m.code(), m.out() + m.err());
        assertTrue(m.err().contains("extroot"), m.err());
        assertTrue(m.err().contains("rmmod nvme && insmod nvme"), "GPT from the host, re-read by reloading the module: " + m.err());
        assertTrue(m.out().contains("/overlay is device 259:1") && m.out().contains("the same device"), m.out());
        assertTrue(m.err().contains("fstab.rwm.device=/dev/vda"), "the SSD's copy knows the flash's overlay: " + m.err());
        onShell(shell -> {
            DeviceProof.Proof p = DeviceProof.prove(shell, "/overlay", PART);
            assertTrue(p.proven(), p.evidence());
            // the user's overlay came along, and new changes land on the SSD
            assertTrue(shell.check("cat /etc/crontab.root").text().contains("/root/backup.sh"));
            shell.check("echo on-ssd > /root/extroot-marker && sync");
            assertEquals("on-ssd", shell.check("cat /overlay/upper/root/extroot-marker").text().strip());
        });
    }

    @Test
    @Order(2)
    void rollbackPutsTheFlashOverlayBackProvenByDeviceNumber() throws Exception {
        long t0 = System.currentTimeMillis();
        Run r = cli("migrate", "-p", port, "--rollback");
        System.out.println("extroot_rollback_cli " + (System.currentTimeMillis() - t0) + " ms");
        assertEquals(MainCommand.OK, r.code(), r.out() + r.err());
        // preinit reads the extroot mount from the flash's overlay (fstools block.c), not from the SSD's copy
        assertTrue(r.err().contains("enabled=0 in the flash's overlay (/dev/vda)"), r.err());
        onShell(shell -> {
            assertTrue(DeviceProof.prove(shell, "/overlay", "/dev/vda").proven(), "the flash's rootfs_data is /overlay again");
            assertFalse(DeviceProof.prove(shell, "/overlay", PART).proven());
            assertFalse(shell.run("test -e /root/extroot-marker").ok(), "the change made on the SSD is not in the flash's overlay");
        });
    }

    @Test
    @Order(3)
    void aMountNamedLikeTheSsdIsNotTheSsd() throws Exception {
        onShell(shell -> {
            // a tmpfs whose source is the partition's name, mounted over /overlay: a name match would pass it
            shell.check("mount -t tmpfs " + PART + " /overlay");
            try {
                assertTrue(shell.check("mount").text().contains(PART + " on /overlay type tmpfs"));
                DeviceProof.Proof p = DeviceProof.prove(shell, "/overlay", PART);
                assertFalse(p.proven(), p.evidence());
                assertTrue(p.evidence().contains("named " + PART) && p.evidence().endsWith("a different device"), p.evidence());
            } finally {
                shell.check("umount /overlay");
            }
        });
    }
}
