package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import picocli.CommandLine;

import r4rescue.testbed.QemuLinux;

/** The migrate/slot/checklist/backup commands end to end against the QEMU test bed, with their exit codes. */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellCommandsQemuTest {

    QemuLinux vm;
    String port;
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MainCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setParameterExceptionHandler((ex, a) -> MainCommand.BAD_INPUT);
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    void boot() throws Exception {
        assumeTrue(QemuLinux.available(), "qemu-system-x86_64, a /boot/vmlinuz-* kernel or the guest tools are missing");
        vm = QemuLinux.boot("cli");
        dir = vm.dir();
        vm.releaseConsole();
        port = "pty:" + vm.ptyPath();
    }

    @AfterAll
    void shutdown() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    @Order(1)
    void badInputAndNoLink() throws Exception {
        Path notRootfs = dir.resolve("openwrt-sysupgrade.itb");
        Files.write(notRootfs, new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed, 1, 2, 3, 4});
        Run wrong = cli("slot", "upgrade", "/tmp/rootfs.tar.gz", "--from", notRootfs.toString(), "-p", port);
        assertEquals(MainCommand.BAD_INPUT, wrong.code());
        assertTrue(wrong.err().contains("not a tar archive"), wrong.err());
        assertEquals(MainCommand.NO_LINK, cli("slot", "status", "-p", "/dev/no-such-port").code());
        assertEquals(MainCommand.BAD_INPUT, cli("slot", "switch", "C", "-p", port).code());
        assertEquals(MainCommand.BAD_INPUT, cli("migrate", "--layout", "abc", "-p", port).code());
    }

    @Test
    @Order(2)
    void tooSmallForDefaultAbSlotsIsRefused() {
        Run r = cli("migrate", "-p", port, "--layout", "ab", "--yes", "--timeout", "120");
        assertEquals(MainCommand.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("too small"), r.err());
    }

    @Test
    @Order(3)
    void migrateAbThenStatusBackupAndChecklist() throws Exception {
        Run m = cli("migrate", "-p", port, "--layout", "ab", "--root-size", "300", "--yes", "--boot-medium", "BL2 from SPI-NAND",
                "--log", dir.resolve("console.log").toString());
        assertEquals(MainCommand.OK, m.code(), m.err());
        assertTrue(m.err().contains("$ cat | sfdisk --wipe always /dev/nvme0n1"), "commands shown");
        assertTrue(Files.readString(dir.resolve("console.log")).contains("Please press Enter to activate this console."));

        Run st = cli("slot", "status", "-p", port, "--json");
        assertEquals(MainCommand.OK, st.code(), st.err());
        assertTrue(st.out().contains("\"activeSlot\" : \"A\""), st.out());

        Path backup = dir.resolve("backup.tar.gz");
        Run b = cli("backup", backup.toString(), "-p", port);
        assertEquals(MainCommand.BOARD_SAID_NO, b.code(), b.err());
        assertTrue(b.out().contains("/etc/crontab.root"), b.out());
        assertTrue(Files.size(backup) > 0);
        assertEquals(MainCommand.OK, cli("backup", backup.toString(), "-p", port, "--keep", "/etc/crontab.root").code());

        Path report = dir.resolve("checklist.md");
        Run c = cli("checklist", "-p", port, "--report", report.toString(), "--boot-medium", "SPI-NAND");
        assertEquals(MainCommand.BOARD_SAID_NO, c.code(), "two items unattested");
        Run c2 = cli("checklist", "-p", port, "--report", report.toString(), "--boot-medium", "SPI-NAND",
                "--attest", "fallback-sd=labelled card booted 2026-11-20", "--attest", "data-backup=nightly rsync to NAS");
        assertEquals(MainCommand.OK, c2.code(), c2.out() + c2.err());
        assertTrue(Files.readString(report).contains("**ready**"));
        assertTrue(Files.readString(dir.resolve("checklist.md.json")).contains("\"status\" : \"ATTESTED\""));
    }
}
