package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.sim.BuildFiles;

/** Upgrades with the root on the SSD (#21 item 4), end to end against the simulated board. */
@Tag("sim")
class SimNvmeUpgradeTest {

    private final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    private Path kernel(String release) throws Exception {
        return BuildFiles.kernel(dir, release);
    }

    private Path rootfs(String modules) throws Exception {
        return BuildFiles.rootfs(dir, modules);
    }

    @Test
    void upgradeWritesTheInactiveSlotAndTheKernelThenProvesRootAndModules() throws Exception {
        long t0 = System.nanoTime();
        Path backup = dir.resolve("before-upgrade.tar.gz");
        assertEquals(MainCommand.OK, cli.run("upgrade", "-p", "sim:nvme-upgraded", "--kernel", kernel("6.6.93").toString(),
                "--rootfs", rootfs("6.6.93").toString(), "--backup", backup.toString(), "--yes"), cli.err());
        assertTrue(cli.out().contains("Upgraded: slot B (/dev/nvme0n1p2) runs kernel 6.6.93 with its modules."), cli.out());
        assertTrue(Files.size(backup) > 100, "backup saved");
        String packages = Files.readString(dir.resolve("before-upgrade.tar.gz.packages.txt"));
        assertTrue(packages.startsWith("# opkg list-installed\n") && packages.contains("uboot-envtools - "), packages);
        String err = cli.err();
        // the backup is verified before anything is overwritten; the kernel is checked before root= moves
        assertTrue(err.contains("equal on board and host") && err.indexOf("equal on board and host") < err.indexOf("mkfs.ext4"), err);
        assertTrue(err.contains("$ sysupgrade -T ") && err.indexOf("$ sysupgrade -T ") < err.indexOf("fw_setenv 'bootargs'"), err);
        assertTrue(err.contains("$ sysupgrade -v '/tmp/r4rescue-sysupgrade.itb'"), err);
        assertTrue(err.contains("settings files written into /dev/nvme0n1p2 and compared"), err);
        System.out.printf("cli-upgrade-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aRootfsOfAnotherBuildIsRefusedBeforeTheBoardIsTouched() throws Exception {
        assertEquals(MainCommand.BAD_INPUT, cli.run("upgrade", "-p", "sim:nvme-upgraded", "--kernel", kernel("6.6.93").toString(),
                "--rootfs", rootfs("6.6.86").toString(), "--backup", dir.resolve("b.tar.gz").toString(), "--yes"), cli.err());
        assertTrue(cli.err().contains("carries kernel 6.6.93, but openwrt-rootfs-6.6.86.tar.gz has modules for: 6.6.86"), cli.err());
        assertTrue(!Files.exists(dir.resolve("b.tar.gz")), "nothing asked of the board");
    }

    @Test
    void afterReportsAKernelWhoseModulesAreNotOnTheSsdRoot() {
        long t0 = System.nanoTime();
        assertEquals(MainCommand.BOARD_SAID_NO, cli.run("backup", "--after", "-p", "sim:nvme-upgraded"), cli.err());
        assertTrue(cli.out().contains("The NVMe root survived"), cli.out());
        assertTrue(cli.out().contains("The running kernel is 6.6.93, but the root has modules only for: 6.6.86 (no /lib/modules/6.6.93)"), cli.out());
        assertTrue(cli.out().contains("r4-rescue upgrade"), "says what to do: " + cli.out());
        System.out.printf("cli-after-modules-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void afterOnAMatchingBoardSaysTheModulesAreThere() {
        assertEquals(MainCommand.OK, cli.run("backup", "--after", "-p", "sim:nvme-root"), cli.err());
        assertTrue(cli.out().contains("The kernel 6.6.86 has its modules"), cli.out());
    }
}
