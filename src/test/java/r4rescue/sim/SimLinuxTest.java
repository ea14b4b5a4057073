package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import r4rescue.sim.state.Partition;

/** The OpenWrt shell: the migration steps of the boot guide, and fw_setenv shared with U-Boot. */
class SimLinuxTest {

    private static SimHarness shell(String scenario) throws Exception {
        SimHarness h = new SimHarness(scenario);
        h.board.powerOn();
        h.expect("Please press Enter to activate this console.");
        h.send("\r");
        h.expect("root@OpenWrt:~# ");
        return h;
    }

    @Test
    void basicsAndNotFound() throws Exception {
        try (SimHarness h = shell("healthy-nand")) {
            assertEquals("-ash: frobnicate: not found\r\n", h.sh("frobnicate"));
            assertEquals("127\r\n", h.sh("echo $?"));
            assertEquals("console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/fit0 rootwait ubi.block=0,fit\r\n", h.sh("cat /proc/cmdline"));
            assertEquals("dev:    size   erasesize  name\r\nmtd0: 00200000 00020000 \"bl2\"\r\nmtd1: 07e00000 00020000 \"ubi\"\r\n", h.sh("cat /proc/mtd"));
            String lsblk = h.sh("lsblk");
            assertTrue(lsblk.contains("nvme0n1     259:2    0 465.7G  0 disk"), lsblk);
            assertEquals("hello\r\nworld\r\n", h.sh("echo hello > /tmp/a && echo world >> /tmp/a; cat /tmp/a"));
            assertEquals("hello\r\n", h.sh("cat /tmp/a | head -n 1 | grep hel"));
        }
    }

    @Test
    void guideMigrationCopiesRootToNvme() throws Exception {
        try (SimHarness h = shell("healthy-nand")) {
            String part = h.sh("printf 'label: gpt\\nsize=8G, name=root-A\\nsize=8G, name=root-B\\n;\\n' | sfdisk /dev/nvme0n1");
            assertTrue(part.contains("/dev/nvme0n1p1: Created a new partition 1 of type 'Linux filesystem' and of size 8 GiB."), part);
            assertTrue(part.contains("The partition table has been altered."), part);
            String mk = h.sh("mkfs.ext4 -L root-A /dev/nvme0n1p1");
            assertTrue(mk.startsWith("mke2fs 1.47.0 (5-Feb-2023)\r\n"), mk);
            assertTrue(mk.contains("Writing superblocks and filesystem accounting information: done"), mk);
            assertEquals("", h.sh("mkdir -p /mnt/nvme"));
            h.send("mount /dev/nvme0n1p1 /mnt/nvme\r");
            h.expect("EXT4-fs \\(nvme0n1p1\\): mounted filesystem");
            h.expect("root@OpenWrt:~# ");
            assertEquals("0\r\n", h.sh("echo $?"));
            assertEquals("", h.sh("tar -C / --exclude='./mnt' --exclude='./proc' --exclude='./sys' --exclude='./dev' --exclude='./tmp' --exclude='./run' -cf - . | tar -C /mnt/nvme -xf -"));
            assertEquals("0\r\n", h.sh("echo $?"));
            Partition p = h.board.state().nvme.partition(1);
            assertTrue(p.fs.files.containsKey("/etc/config/network"));
            assertTrue(p.fs.files.containsKey("/bin/busybox"));
            assertFalse(p.fs.files.containsKey("/proc"));
            assertFalse(p.fs.files.containsKey("/mnt"));
            int count = Integer.parseInt(h.sh("find /mnt/nvme | wc -l").trim());
            assertTrue(count > 250, "files copied: " + count);
            assertTrue(h.sh("mount").contains("/dev/nvme0n1p1 on /mnt/nvme type ext4 (rw,relatime)"));
            String sha1 = h.sh("sha256sum /etc/config/network").split(" ")[0];
            String sha2 = h.sh("sha256sum /mnt/nvme/etc/config/network").split(" ")[0];
            assertEquals(sha1, sha2);
            assertTrue(h.sh("sfdisk /dev/nvme0n1 < /dev/null").contains("This disk is currently in use"));
            assertEquals("", h.sh("umount /mnt/nvme"));
        }
    }

    @Test
    void fwSetenvChangesWhatUbootPrints() throws Exception {
        try (SimHarness h = shell("healthy-nand")) {
            assertEquals("", h.sh("fw_setenv bootargs 'console=ttyS0,115200 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait'"));
            assertEquals("bootargs=console=ttyS0,115200 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait\r\n", h.sh("fw_printenv bootargs"));
            assertEquals("## Error: \"nosuch\" not defined\r\n", h.sh("fw_printenv nosuch"));
            h.send("reboot\r");
            h.expect("reboot: Restarting system");
            h.interruptToPrompt();
            assertEquals("bootargs=console=ttyS0,115200 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait\r\n", h.uboot("printenv bootargs"));
            assertTrue(h.output().contains("NOTICE:  WDT: [40000000] Software reset (reboot)"));
        }
    }

    @Test
    void base64HeredocWritesAFile() throws Exception {
        try (SimHarness h = shell("healthy-nand")) {
            h.send("base64 -d > /tmp/f <<'EOF'\r");
            h.expect("> ");
            h.send("aGVsbG8K\r");
            h.expect("> ");
            h.send("EOF\r");
            h.expect("root@OpenWrt:~# ");
            assertEquals("hello\r\n", h.sh("cat /tmp/f"));
            assertEquals("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  /tmp/f\r\n", h.sh("sha256sum /tmp/f"));
            assertTrue(h.sh("sysupgrade -l").contains("/etc/config/network"));
            assertEquals("Saving config files...\r\n", h.sh("sysupgrade -b /tmp/backup.tar.gz"));
            assertTrue(h.sh("tar -tzf /tmp/backup.tar.gz").contains("/etc/config/system"));
            assertTrue(h.sh("df -h /").contains("overlayfs:/overlay"));
            assertTrue(h.sh("mtd erase bl2").contains("Could not open mtd device: bl2"));
        }
    }
}
