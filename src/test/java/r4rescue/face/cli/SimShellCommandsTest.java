package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The shell-side commands end to end against the simulated board (sim:SCENARIO ports). */
@Tag("sim")
class SimShellCommandsTest {

    @TempDir
    Path dir;
    private final CliRun cli = new CliRun();

    @Test
    void migrateAbWithYes() {
        long t0 = System.nanoTime();
        assertEquals(MainCommand.OK, cli.run("migrate", "-p", "sim:healthy-nand", "--layout", "ab", "--yes"), cli.err());
        assertTrue(cli.out().contains("Root is /dev/nvme0n1p1"), cli.out());
        assertTrue(cli.err().contains("$ cat | sfdisk --wipe always /dev/nvme0n1"), cli.err());
        System.out.printf("cli-migrate-ab-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void migrateWithoutFwSetenvUsesUBoot() {
        assertEquals(MainCommand.OK, cli.run("migrate", "-p", "sim:no-fw-setenv", "--yes"), cli.err());
        assertTrue(cli.err().contains("the environment is changed at the U-Boot prompt"), cli.err());
        assertTrue(cli.err().contains("U-Boot prompt: setenv, saveenv"), cli.err());
        assertTrue(cli.err().contains("    $ saveenv\n") && cli.err().contains("    $ setenv r4rescue_prev_bootargs "), "U-Boot's commands listed: " + cli.err());
        assertTrue(cli.out().contains("Root is /dev/nvme0n1p1"), cli.out());
    }

    @Test
    void migrateOnStockOpenWrtChangesNothingAndSaysTheWayForward() {
        long t0 = System.nanoTime();
        assertEquals(MainCommand.BAD_INPUT, cli.run("migrate", "-p", "sim:stock-openwrt", "--yes"), cli.err());
        assertTrue(cli.err().contains("Nothing was changed: NVMe driver is a module: extroot (/overlay on the SSD), not root="), cli.err());
        // no fdisk needed: the GPT is written from the host and re-read by reloading the nvme module
        assertTrue(cli.err().contains("run on the board: opkg update && opkg install block-mount\n"), cli.err());
        assertTrue(cli.err().contains("run on the board: uci -q delete fstab.overlay; uci set fstab.overlay=mount"), cli.err());
        assertTrue(cli.err().contains("The board has no network"), cli.err());
        System.out.printf("cli-migrate-stock-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void migrateOnStockOpenWrtWithBlockMountRunsExtrootAndProvesOverlay() {
        long t0 = System.nanoTime();
        assertEquals(MainCommand.OK, cli.run("migrate", "-p", "sim:stock-openwrt-extroot", "--yes"), cli.err());
        assertTrue(cli.err().contains("Route: NVMe driver is a module: extroot"), cli.err());
        assertTrue(cli.err().contains("$ cat | fdisk /dev/nvme0n1"), cli.err());
        assertTrue(cli.out().matches("(?s)/overlay is device \\d+:\\d+ \\(ext4, named /dev/nvme0n1p1\\); /dev/nvme0n1p1 is \\d+:\\d+: the same device.*"), cli.out());
        System.out.printf("cli-migrate-extroot-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void migrateRefusesAnSsdWithDataWithoutConfirmation() {
        assertEquals(MainCommand.BAD_INPUT, cli.run("migrate", "-p", "sim:nvme-data", "--yes"), cli.err());
        assertTrue(cli.err().contains("type the device name (/dev/nvme0n1) to confirm"), cli.err());
    }

    @Test
    void afterCheckOnAMigratedBoardAndRepairAfterBootargsWereReset() {
        assertEquals(MainCommand.OK, cli.run("backup", "--after", "-p", "sim:nvme-root"), cli.err());
        assertTrue(cli.out().contains("The NVMe root survived"), cli.out());
        // healthy-nand plays a board whose sysupgrade reset bootargs while the SSD holds the root.
        assertEquals(MainCommand.BOARD_SAID_NO, cli.run("backup", "--after", "-p", "sim:healthy-nand"), cli.err());
        assertTrue(cli.out().contains("bootargs no longer boots /dev/nvme0n1p1"), cli.out());
        assertTrue(cli.out().contains("--repair"), cli.out());
    }

    @Test
    void slotStatusAndSwitch() {
        assertEquals(MainCommand.OK, cli.run("slot", "status", "-p", "sim:nvme-root"), cli.err());
        assertTrue(cli.out().contains("Active slot: A"), cli.out());
        assertEquals(MainCommand.OK, cli.run("slot", "switch", "B", "-p", "sim:nvme-root"), cli.err());
        assertTrue(cli.out().contains("Running from /dev/nvme0n1p2"), cli.out());
    }

    @Test
    void backupAndHtmlChecklist() throws Exception {
        Path backup = dir.resolve("b.tar.gz");
        assertEquals(MainCommand.OK, cli.run("backup", backup.toString(), "-p", "sim:nvme-root"), cli.err());
        assertTrue(Files.size(backup) > 100);
        assertTrue(cli.out().contains("Saved " + backup + " (SHA-256 "), cli.out());
        Path html = dir.resolve("report.html");
        assertEquals(MainCommand.BOARD_SAID_NO, cli.run("checklist", "-p", "sim:nvme-root", "--attest", "fallback-sd=seen", "--report", html.toString()));
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<td class=\"PASS\">PASS</td>") && page.contains("NOT_ATTESTED"), page);
        assertTrue(Files.readString(dir.resolve("report.html.json")).contains("\"serial\" : \"R4SIM0000001\""));
    }
}
