package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.sim.state.Partition;

/** The OpenWrt shell: the migration steps of the boot guide, and fw_setenv shared with U-Boot. */
@Tag("sim")
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
            assertTrue(lsblk.contains("nvme0n1      259:2    0 465.7G  0 disk"), lsblk); // NAME as wide as mmcblk0boot0
            assertEquals("hello\r\nworld\r\n", h.sh("echo hello > /tmp/a && echo world >> /tmp/a; cat /tmp/a"));
            assertEquals("hello\r\n", h.sh("cat /tmp/a | head -n 1 | grep hel"));
        }
    }

    @Test
    void storageSysfsUbiupdatevolAndDeviceWrites() throws Exception {
        try (SimHarness h = shell("healthy-nand")) {
            assertEquals("0x0\r\n0x400\r\n2048\r\n", h.sh("cat /sys/class/mtd/mtd0/flags /sys/class/mtd/mtd1/flags /sys/class/mtd/mtd1/writesize"));
            assertEquals("/sys/class/mtd/mtd0 /sys/class/mtd/mtd0ro /sys/class/mtd/mtd1 /sys/class/mtd/mtd1ro\r\n", h.sh("echo /sys/class/mtd/mtd*"));
            assertEquals("1\r\nfip\r\nstatic\r\n17\r\n126976\r\n", h.sh("cat /sys/class/ubi/ubi0/mtd_num /sys/class/ubi/ubi0_2/name"
                    + " /sys/class/ubi/ubi0_2/type /sys/class/ubi/ubi0_2/reserved_ebs /sys/class/ubi/ubi0_2/usable_eb_size"));
            assertEquals("dynamic\r\nubootenv\r\n", h.sh("cat /sys/class/ubi/ubi0_0/type; cat /sys/class/ubi/ubi0_0/name"));

            long dataSize = h.board.state().nand.volumes.get("fip").dataSize;
            assertEquals(dataSize + "\r\n", h.sh("cat /sys/class/ubi/ubi0_2/data_bytes"));
            assertEquals(dataSize + "\r\n", h.sh("cat /dev/ubi0_2 | wc -c"), "a static volume reads as its data");

            assertEquals("0\r\n", h.sh("printf 'NEWFIP' > /tmp/f; ubiupdatevol /dev/ubi0_2 /tmp/f; echo $?"));
            assertEquals("NEWFIP", h.sh("cat /dev/ubi0_2"));
            assertEquals(6, h.board.state().nand.volumes.get("fip").dataSize);
            String big = h.sh("dd if=/dev/zero of=/tmp/big bs=1024 count=2200 2>/dev/null; ubiupdatevol /dev/ubi0_2 /tmp/big; echo $?");
            assertTrue(big.contains("will not fit volume \"/dev/ubi0_2\" (size 2158592)") && big.endsWith("1\r\n"), big);
            assertEquals(6, h.board.state().nand.volumes.get("fip").dataSize, "a refused update leaves the volume alone");
            String none = h.sh("ubiupdatevol /dev/ubi0_9 /tmp/f; echo $?");
            assertTrue(none.contains("cannot get information about UBI volume") && none.endsWith("1\r\n"), none);
            assertTrue(h.sh("ubiupdatevol /dev/ubi0_4 /tmp/f").contains("Device or resource busy"), "the booted fit volume is busy");

            byte[] bl2 = h.board.state().nand.raw.read(0, 4096);
            assertTrue(h.sh("dd if=/tmp/f of=/dev/mtd0 bs=2048; echo $?").contains("dd: can't open '/dev/mtd0': Permission denied"));
            assertTrue(java.util.Arrays.equals(bl2, h.board.state().nand.raw.read(0, 4096)), "bl2 is read-only to Linux");
            assertEquals("", h.sh("echo 3 > /proc/sys/vm/drop_caches"));
        }
    }

    /** The eMMC boot area as Linux shows it: its own disk, read-only until 0 goes into force_ro (mmc-dev-parts.rst). */
    @Test
    void emmcBootAreaIsReadOnlyUntilForceRoIsCleared() throws Exception {
        try (SimHarness h = shell("emmc-boot")) {
            var boot0 = h.board.state().emmc.boot0;
            byte[] old = boot0.read(0, 4096);
            assertTrue(h.sh("cat /proc/partitions").contains(" 179        8       4096 mmcblk0boot0"), h.output());
            assertTrue(h.sh("lsblk").contains("mmcblk0boot0 179:8    0    4M  1 disk"), h.output());
            assertEquals("dev  force_ro  ro  size  uevent\r\n", h.sh("ls /sys/block/mmcblk0boot0"));
            assertEquals("1\r\n1\r\n8192\r\n", h.sh("cat /sys/block/mmcblk0boot0/force_ro /sys/class/block/mmcblk0boot0/ro"
                    + " /sys/block/mmcblk0boot0/size"));

            h.sh("dd if=/dev/zero bs=1024 count=4 2>/dev/null | tr '\\000' 'B' > /tmp/b");
            String refused = h.sh("dd if=/tmp/b of=/dev/mmcblk0boot0 bs=512; echo $?");
            assertTrue(refused.startsWith("dd: error writing '/dev/mmcblk0boot0': Operation not permitted\r\n1+0 records in\r\n0+0 records out\r\n")
                    && refused.endsWith("\r\n1\r\n"), refused);
            assertArrayEquals(old, boot0.read(0, 4096), "force_ro 1: nothing written");

            assertEquals("-ash: can't create /sys/block/mmcblk0boot0/force_ro: Invalid argument\r\n",
                    h.sh("echo no > /sys/block/mmcblk0boot0/force_ro"));
            assertEquals("0\r\n", h.sh("echo 0 > /sys/block/mmcblk0boot0/force_ro; cat /sys/block/mmcblk0boot0/force_ro"));
            assertTrue(h.sh("dd if=/tmp/b of=/dev/mmcblk0boot0 bs=512; echo $?").endsWith("8+0 records out\r\n"
                    + "4096 bytes (4KB) copied, 0.012345 seconds, 320KB/s\r\n0\r\n"), h.output());
            assertEquals('B', boot0.read(4095, 1)[0]);

            h.board.faults().deviceOpenFails = "/dev/mmcblk0boot0";
            assertEquals("dd: can't open '/dev/mmcblk0boot0': No such device or address\r\n1\r\n",
                    h.sh("dd if=/dev/zero of=/dev/mmcblk0boot0 bs=512 count=8; echo $?"));
            h.board.faults().deviceOpenFails = null;
            h.board.faults().deviceWriteFails = "/dev/mmcblk0boot0";
            h.board.faults().deviceWriteFailsAfter = 1024;
            String io = h.sh("dd if=/dev/zero of=/dev/mmcblk0boot0 bs=512 count=8; echo $?");
            assertTrue(io.startsWith("dd: error writing '/dev/mmcblk0boot0': I/O error\r\n3+0 records in\r\n2+0 records out\r\n1024 bytes")
                    && io.endsWith("\r\n1\r\n"), io);
            assertEquals(0, boot0.read(1023, 1)[0], "the blocks before the error went out");
            assertEquals('B', boot0.read(1024, 1)[0], "the rest did not");

            assertEquals("1\r\n", h.sh("echo 1 > /sys/block/mmcblk0boot0/force_ro; cat /sys/block/mmcblk0boot0/force_ro"));
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
            h.board.setCountdownFloorMs(3000); // the key may lose the race with autoboot: the menu then waits
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

    @Test
    void guideInteractiveFdiskThenCopyComparesEqual() throws Exception {
        try (SimHarness h = shell("healthy-nand")) {
            h.send("fdisk /dev/nvme0n1\r");
            h.expect("Created a new DOS \\(MBR\\) disklabel");
            h.expect("Command \\(m for help\\): ");
            h.send("n\r");
            h.expect("Select \\(default p\\): ");
            h.send("p\r");
            h.expect("Partition number \\(1-4, default 1\\): ");
            h.send("1\r");
            h.expect("First sector \\(2048-\\d+, default 2048\\): ");
            h.send("\r");
            h.expect("Last sector, \\+/-sectors or \\+/-size\\{K,M,G,T,P\\} \\(2048-\\d+, default \\d+\\): ");
            h.send("+8G\r");
            h.expect("Created a new partition 1 of type 'Linux' and of size 8 GiB\\.");
            h.expect("Command \\(m for help\\): ");
            h.send("w\r");
            h.expect("Syncing disks\\.\r\n");
            h.expect("root@OpenWrt:~# ");
            assertTrue(h.sh("fdisk -l /dev/nvme0n1").contains("/dev/nvme0n1p1"));
            h.sh("mkfs.ext4 -L nvme-root /dev/nvme0n1p1");
            h.sh("mkdir -p /mnt/nvme && mount /dev/nvme0n1p1 /mnt/nvme");
            h.sh("cp /bin/busybox /tmp/bb");
            assertEquals(h.sh("sha256sum /bin/busybox").split(" ")[0], h.sh("sha256sum /tmp/bb").split(" ")[0]);
            h.sh("tar -C / -cf - ./bin ./etc | tar -C /mnt/nvme -xf -");
            assertEquals(h.sh("sha256sum /bin/busybox").split(" ")[0], h.sh("sha256sum /mnt/nvme/bin/busybox").split(" ")[0]);
            assertTrue(h.sh("du -s /mnt/nvme").matches("\\d+\t/mnt/nvme\r\n"));
            assertEquals("", h.sh("mkdir -p /mnt/nvme/{proc,sys}"));
            assertEquals("{proc,sys}\r\n", h.sh("ls /mnt/nvme | grep proc"), "ash has no brace expansion");
        }
    }

    @Test
    void kernelChatterInterruptsTheConsole() throws Exception {
        try (SimHarness h = shell("healthy-nand")) {
            h.board.faults().kernelChatterMs = 50;
            h.expect("\\[ *\\d+\\.\\d{6}\\] (mtk_soc_eth|mt7530|br-lan|nvme)", 2000);
            h.board.faults().kernelChatterMs = 0;
        }
    }

    @Test
    void bigPastedHeredocArrivesIntact() throws Exception {
        byte[] data = new byte[300_000];
        new java.util.Random(9).nextBytes(data);
        String b64 = java.util.Base64.getMimeEncoder(76, "\r".getBytes()).encodeToString(data);
        String sha = r4rescue.util.Hashes.sha256Hex(data);
        try (SimHarness h = shell("healthy-nand")) {
            long t0 = System.nanoTime();
            h.send("base64 -d > /tmp/blob <<'EOF'\r" + b64 + "\rEOF\r");
            h.expect("root@OpenWrt:~# ", 30_000);
            System.out.printf("sim.heredoc.paste %.2f s for %d base64 chars%n", (System.nanoTime() - t0) / 1e9, b64.length());
            assertEquals(sha + "  /tmp/blob\r\n", h.sh("sha256sum /tmp/blob"));
        }
    }

    @Test
    void sysupgradeChecksAndFlashesAFit() throws Exception {
        byte[] fit = java.util.Arrays.copyOf(SyntheticFit.header(8192, false), 8192);
        try (SimHarness h = shell("healthy-nand")) {
            h.send("base64 -d > /tmp/up.itb <<'EOF'\r" + java.util.Base64.getMimeEncoder(76, "\r".getBytes()).encodeToString(fit) + "\rEOF\r");
            h.expect("root@OpenWrt:~# ");
            assertEquals("Invalid image type.\r\nImage check failed.\r\n", h.sh("sysupgrade /etc/banner"));
            h.send("sysupgrade -n /tmp/up.itb\r");
            h.expect("Commencing upgrade. Closing all shell sessions.");
            h.expect("reboot: Restarting system");
            h.expect("Read 126976 bytes from volume fit");
            h.expect("Please press Enter to activate this console.");
        }
    }
}
