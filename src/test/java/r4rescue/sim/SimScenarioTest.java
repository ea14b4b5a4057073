package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.board.Medium;

/** Each scenario's boot reaches the stage it implies, and no further. */
@Tag("sim")
class SimScenarioTest {

    /** Gives a halted board a moment, then checks nothing more came out. */
    private static void assertSilentAfter(SimHarness h, String last) throws Exception {
        Thread.sleep(300);
        String out = h.output();
        assertTrue(out.endsWith(last), "expected output to end with " + last + " but got tail:\n"
                + out.substring(Math.max(0, out.length() - 400)));
    }

    @Test
    void bl2CorruptHaltsInBrom() throws Exception {
        try (SimHarness h = new SimHarness("bl2-corrupt")) {
            h.board.powerOn();
            h.expect("System halt!\r\n");
            assertSilentAfter(h, "T0: 0000 01B0 [0101]\r\nSystem halt!\r\n");
            assertFalse(h.output().contains("Jump to BL"));
            assertTrue(h.output().contains("EC: 0000 0000 [1000]"));
            assertEquals("halt", h.board.stage());
        }
    }

    @Test
    void fipCorruptStopsInBl2() throws Exception {
        try (SimHarness h = new SimHarness("fip-corrupt")) {
            h.board.powerOn();
            h.expect("Jump to BL");
            h.expect("WARNING: Firmware Image Package header check failed.\r\n");
            h.expect("ERROR:   BL2: Failed to load image id 3 \\(-2\\)\r\n");
            assertSilentAfter(h, "ERROR:   BL2: Failed to load image id 3 (-2)\r\n");
            assertFalse(h.output().contains("BL31"));
        }
    }

    /** The bad-bootargs board with other bootargs saved, powered on. */
    private static SimHarness badBootargsWith(String bootargs) throws Exception {
        Scenario sc = ScenarioBuilder.scenario("bad-bootargs");
        sc.env.put("bootargs", bootargs);
        SimHarness h = new SimHarness(ScenarioBuilder.build(sc));
        h.board.powerOn();
        return h;
    }

    /** The kernel mounts nvme0n1p1 as its ext4 root and the shell runs on it. */
    private static void shellOnNvmeRoot(SimHarness h) throws Exception {
        h.expect("EXT4-fs \\(nvme0n1p1\\): mounted filesystem [0-9a-f-]+ r/w with ordered data mode\\.");
        h.expect("VFS: Mounted root \\(ext4 filesystem\\) on device 259:1\\.");
        h.expect("Please press Enter to activate this console.");
        h.send("\r");
        h.expect("root@OpenWrt:~# ");
        assertTrue(h.sh("df -h /").contains("/dev/root"));
    }

    @Test
    void badBootargsWaitsForRootForever() throws Exception {
        try (SimHarness h = new SimHarness("bad-bootargs")) {
            h.board.powerOn();
            h.expect("Kernel command line: console=ttyS0,115200 root=/dev/nvme0n1p2 rootfstype=ext4 rootwait\r\n");
            h.expect(" nvme0n1: p1\r\n");
            h.expect("\\] Waiting for root device /dev/nvme0n1p2\\.\\.\\.\r\n");
            assertSilentAfter(h, "Waiting for root device /dev/nvme0n1p2...\r\n");
            assertFalse(h.output().contains("VFS: Mounted root"));
            assertEquals("rootwait", h.board.stage());
        }
    }

    /** The SSD of bad-bootargs holds a migrated root: with root= pointing at it, it mounts and boots to the shell. */
    @Test
    void badBootargsSsdHoldsTheCopiedRoot() throws Exception {
        try (SimHarness h = badBootargsWith("console=ttyS0,115200 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait")) {
            shellOnNvmeRoot(h);
            assertTrue(h.sh("blkid /dev/nvme0n1p1").contains("LABEL=\"nvme-root\""), h.output());
            assertTrue(h.sh("fdisk -l /dev/nvme0n1").contains("Disklabel type: dos"), h.output());
        }
    }

    @Test
    void missingRootWithoutRootwaitPanics() throws Exception {
        try (SimHarness h = badBootargsWith("console=ttyS0,115200n1 root=/dev/nvme0n1p2")) {
            h.expect("VFS: Cannot open root device \"nvme0n1p2\" or unknown-block\\(0,0\\): error -6");
            h.expect("Please append a correct \"root=\" boot option; here are the available partitions:");
            h.expect("Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block\\(0,0\\)\r\n");
        }
    }

    @Test
    void noNvmeBootsWithoutNvmeLines() throws Exception {
        try (SimHarness h = new SimHarness("no-nvme")) {
            h.board.powerOn();
            h.expect("Please press Enter to activate this console.");
            assertFalse(h.output().contains("nvme"));
        }
    }

    @Test
    void emmcBootUsesEmmcChain() throws Exception {
        try (SimHarness h = new SimHarness("emmc-boot")) {
            h.board.powerOn();
            h.expect("EC: 0000 0000 \\[2000\\]\r\nMK");
            h.expect("\\(mt7988-emmc-comb\\)");
            h.expect("NOTICE:  EMI: DDR4 4BG mode");
            h.expect("Located partition 'fip' at 0x680000, size 0x400000");
            h.expect("DRAM:  8 GiB");
            h.expect("Loading Environment from MMC... OK");
            h.expect("\\[eMMC\\]");
            h.expect("MMC read: dev # 0, block # 131072, count 256 ... 256 blocks read: OK");
            h.expect("block mmcblk0p5: mapped 1 uImage.FIT filesystem sub-image as /dev/fit0");
            h.expect("VFS: Mounted root \\(squashfs filesystem\\)");
            h.expect("Please press Enter to activate this console.");
            assertFalse(h.output().contains("ubi0") || h.output().contains("created from ubi"), "no UBI on an eMMC boot");
        }
    }

    @Test
    void nvmeRootMountsExt4() throws Exception {
        try (SimHarness h = new SimHarness("nvme-root")) {
            h.board.powerOn();
            h.expect("nvme0n1: p1 p2 p3");
            shellOnNvmeRoot(h);
            // the kernel mounted it itself: /dev/root, with the partition's device number (init/do_mounts.c)
            assertTrue(h.sh("mount").contains("/dev/root on / type ext4"));
            assertTrue(h.sh("grep ' / / ' /proc/self/mountinfo").contains(" " + h.sh("cat /sys/class/block/nvme0n1p1/dev").strip() + " / / "));
            h.sh("fw_setenv bootargs 'console=ttyS0,115200 root=/dev/nvme0n1p2 rootfstype=ext4 rootwait'");
            h.send("reboot\r");
            h.expect("reboot: Restarting system");
            h.expect("VFS: Mounted root \\(ext4 filesystem\\) on device 259:2\\.");
        }
    }

    @Test
    void mtkSdkShowsAutobootCountdown() throws Exception {
        try (SimHarness h = new SimHarness("factory-mtk-sdk")) {
            h.board.powerOn();
            h.expect("\\(mt7988-spim-nand-comb\\)");
            h.expect("Loading Environment from MTD... OK");
            h.expect("Hit any key to stop autoboot:  3");
            h.expect("Starting kernel ...");
        }
    }

    @Test
    void sdRescueInstallsBootloaderToNand() throws Exception {
        try (SimHarness h = new SimHarness("sd-rescue")) {
            h.board.setCountdownFloorMs(3000);
            h.board.powerOn();
            h.expect("EC: 0000 0000 \\[3000\\]");
            h.expect("\\(mt7988-sdmmc-comb\\)");
            h.expect("\\*\\*\\* Warning - bad CRC, using default environment");
            h.expect("7\\. Install bootloader, recovery and production to NAND\\.");
            h.expect("Hit any key to stop autoboot");
            h.send("7");
            h.expect("Erasing 0x00000000 \\.\\.\\. 0x001fffff \\(16 eraseblock\\(s\\)\\)");
            h.expect("Writing 524288 byte\\(s\\) \\(256 page\\(s\\)\\) at offset 0x00180000");
            h.expect("2097152 bytes written to volume fip");
            h.expect("bytes written to volume fit");
            h.expect("8388608 bytes written to volume emmc_install");
            h.expect("Press ENTER to return to menu");
            h.board.setCountdownFloorMs(0);
            h.board.powerOff();
            h.board.setDip(Medium.SNAND);
            h.board.powerOn();
            h.expect("EC: 0000 0000 \\[1000\\]\r\nMK: 0000 0000 \\[0000\\]\r\nT0: 0000 01A6 \\[0101\\]\r\nJump to BL");
            h.expect("Please press Enter to activate this console.");
        }
    }

    @Test
    void emmcBootPartitionDisabledHalts() throws Exception {
        try (SimHarness h = new SimHarness("emmc-boot")) {
            h.bootToPrompt();
            assertEquals("EXT_CSD[179], PARTITION_CONFIG:\r\nBOOT_ACK: 0x1\r\nBOOT_PARTITION_ENABLE: 0x1\r\nPARTITION_ACCESS: 0x0\r\n", h.uboot("mmc partconf 0"));
            assertTrue(h.uboot("mmc read 50000000 0x3400 0x10").contains("MMC read: dev # 0, block # 13312, count 16 ... 16 blocks read: OK"));
            assertTrue(h.uboot("saveenv").startsWith("Saving Environment to MMC... Writing to "));
            h.uboot("mmc partconf 0 1 0 0");
            h.board.powerCycle();
            h.expect("BP: 0200 00C0 \\[0001\\]\r\nEC: 0000 0000 \\[2000\\]");
            h.expect("System halt!");
        }
    }
}
