package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import r4rescue.board.Boards;
import r4rescue.console.Console;
import r4rescue.testbed.QemuUBoot;

/** The driver against real U-Boot 2023.01 (qemu_arm64) under QEMU, autoboot countdown of 2 s. */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UBootQemuTest {

    private QemuUBoot qemu;
    private Console console;
    private UBootSession session;
    private final List<HoldEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(QemuUBoot.available(), "qemu-system-aarch64 or u-boot-qemu missing");
        // bootcmd=reset: if the driver fails to stop autoboot, the board never reaches a prompt.
        qemu = new QemuUBoot("bootdelay=2", "bootcmd=reset", "loadaddr=0x41000000",
                "mtdids=nor1=nor1", "mtdparts=mtdparts=nor1:512k(BL2),2m(FIP),-(ubi)");
        console = qemu.openConsole("UBootQemuTest");
    }

    @AfterAll
    void stop() throws IOException {
        QemuUBoot.stop(session, console, qemu);
    }

    private void powerCycleOnRequest(HoldEvent e) {
        events.add(e);
        qemu.powerCycleWhenAsked(e);
    }

    @Test
    @Order(1)
    void stopsTheCountdownAndLearnsThePrompt() throws IOException {
        session = UBootSession.takeHold(console, Duration.ofSeconds(30), this::powerCycleOnRequest);
        assertEquals("=> ", session.prompt());
        assertEquals(HoldEvent.Kind.POWER_CYCLE_NOW, events.get(0).kind());
        assertTrue(events.stream().anyMatch(e -> e.kind() == HoldEvent.Kind.AUTOBOOT_COUNTDOWN), events.toString());
    }

    @Test
    @Order(2)
    void readsTheEnvironment() throws IOException {
        UBootEnv env = session.printenv();
        assertEquals("2", env.get("bootdelay"));
        assertEquals("mtdparts=nor1:512k(BL2),2m(FIP),-(ubi)", env.get("mtdparts"), "a value holding '='");
        assertEquals(262140, env.totalBytes());
        assertEquals("0x41000000", session.getenv("loadaddr").orElseThrow());
        assertTrue(session.getenv("no_such_variable").isEmpty());
    }

    @Test
    @Order(3)
    void nastyValuesSurviveSetenv() throws IOException {
        String[] values = {"a b", "a  b ", " lead", "x;echo pwned", "$bootdelay", "${loadaddr}", "$?",
                "it's", "say \"hi\"", "back\\slash", "\\\\", "a\\", "\\'", "'\"'\"'", "a=b=c", "#not a comment",
                "`uname`", "&&||<>(){}*?[]~", "tab\\tnew\\nline", "é ü"};
        for (String v : values) {
            session.setenv("r4test", v);
            assertEquals(v, session.getenv("r4test").orElseThrow(), "read back of " + v);
        }
        session.setenv("r4test", "");
        assertTrue(session.getenv("r4test").isEmpty(), "empty value deletes");
        assertThrows(IllegalArgumentException.class, () -> session.setenv("r4test", "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> session.setenv("bad name", "x"));
        assertThrows(IllegalArgumentException.class, () -> session.setenv("r4test", "x".repeat(600)));
    }

    @Test
    @Order(4)
    void errorsAreCaught() throws IOException {
        CommandResult r = session.run("r4_no_such_command");
        assertFalse(r.ok());
        assertEquals(1, r.status());
        assertTrue(r.errorLines().get(0).startsWith("Unknown command 'r4_no_such_command'"), r.errorLines().toString());
        UBootException e = assertThrows(UBootException.class, () -> session.check("false"));
        assertTrue(e.getMessage().contains("exit status 1"), e.getMessage());
        CommandResult ok = session.check("echo hello; true");
        assertEquals("hello", ok.output());
        assertEquals(0, ok.status());
    }

    @Test
    @Order(5)
    void loadsToRamWithCrcCheck() throws IOException {
        byte[] data = new byte[64 * 1024];
        new Random(6).nextBytes(data);
        LoadResult r = session.loadToRam("test.bin", data, LoadOptions.defaults(Boards.R4).withAddress(0x41000000L));
        CRC32 crc = new CRC32();
        crc.update(data);
        assertEquals(crc.getValue(), r.boardCrc());
        assertEquals(data.length, r.bytes());
        assertEquals(data.length, Long.parseLong(session.getenv("filesize").orElseThrow(), 16));
        System.out.printf("qemu.load.64k %d ms %.0f bytes/s%n", r.millis(), r.bytesPerSecond());
    }

    @Test
    @Order(99)
    void failedSaveenvIsReportedAsFailure() throws IOException {
        UBootException e = assertThrows(UBootException.class, () -> session.saveenv(Boards.R4));
        assertTrue(e.getMessage().contains("Failed") || e.getMessage().contains("timeout"), e.getMessage());
    }
}
