package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The shell-side commands end to end against the simulated board (sim:SCENARIO ports). */
class SimShellCommandsTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new MainCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void migrateAbWithYes() {
        long t0 = System.nanoTime();
        assertEquals(MainCommand.OK, run("migrate", "-p", "sim:healthy-nand", "--layout", "ab", "--yes"), err.toString());
        assertTrue(out.toString().contains("Root is /dev/nvme0n1p1"), out.toString());
        assertTrue(err.toString().contains("$ cat | sfdisk --wipe always /dev/nvme0n1"), err.toString());
        System.out.printf("cli-migrate-ab-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void migrateWithoutFwSetenvUsesUBoot() {
        assertEquals(MainCommand.OK, run("migrate", "-p", "sim:no-fw-setenv", "--yes"), err.toString());
        assertTrue(err.toString().contains("the environment is changed at the U-Boot prompt"), err.toString());
        assertTrue(err.toString().contains("U-Boot prompt: setenv, saveenv"), err.toString());
        assertTrue(out.toString().contains("Root is /dev/nvme0n1p1"), out.toString());
    }

    @Test
    void migrateRefusesAnSsdWithDataWithoutConfirmation() {
        assertEquals(MainCommand.BAD_INPUT, run("migrate", "-p", "sim:nvme-data", "--yes"), err.toString());
        assertTrue(err.toString().contains("type the device name (/dev/nvme0n1) to confirm"), err.toString());
    }

    @Test
    void afterCheckOnAMigratedBoardAndRepairAfterBootargsWereReset() {
        assertEquals(MainCommand.OK, run("backup", "--after", "-p", "sim:nvme-root"), err.toString());
        assertTrue(out.toString().contains("The NVMe root survived"), out.toString());
        // healthy-nand plays a board whose sysupgrade reset bootargs while the SSD holds the root.
        assertEquals(MainCommand.BOARD_SAID_NO, run("backup", "--after", "-p", "sim:healthy-nand"), err.toString());
        assertTrue(out.toString().contains("bootargs no longer boots /dev/nvme0n1p1"), out.toString());
        assertTrue(out.toString().contains("--repair"), out.toString());
    }

    @Test
    void slotStatusAndSwitch() {
        assertEquals(MainCommand.OK, run("slot", "status", "-p", "sim:nvme-root"), err.toString());
        assertTrue(out.toString().contains("Active slot: A"), out.toString());
        assertEquals(MainCommand.OK, run("slot", "switch", "B", "-p", "sim:nvme-root"), err.toString());
        assertTrue(out.toString().contains("Running from /dev/nvme0n1p2"), out.toString());
    }

    @Test
    void backupAndHtmlChecklist() throws Exception {
        Path backup = dir.resolve("b.tar.gz");
        assertEquals(MainCommand.OK, run("backup", backup.toString(), "-p", "sim:nvme-root"), err.toString());
        assertTrue(Files.size(backup) > 100);
        assertTrue(out.toString().contains("Saved " + backup + " (SHA-256 "), out.toString());
        Path html = dir.resolve("report.html");
        assertEquals(MainCommand.BOARD_SAID_NO, run("checklist", "-p", "sim:nvme-root", "--attest", "fallback-sd=seen", "--report", html.toString()));
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<td class=\"PASS\">PASS</td>") && page.contains("NOT_ATTESTED"), page);
        assertTrue(Files.readString(dir.resolve("report.html.json")).contains("\"serial\" : \"R4SIM0000001\""));
    }
}
