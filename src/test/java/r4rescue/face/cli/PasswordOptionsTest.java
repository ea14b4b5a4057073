package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root password comes from a file, R4_RESCUE_PASSWORD or a prompt, never from the command line. */
@Tag("unit")
class PasswordOptionsTest {

    @TempDir
    Path dir;

    @Test
    void passwordOnTheCommandLineIsRefusedWithTheWaysThatWork() {
        for (String[] args : new String[][] {
                {"migrate", "-p", "sim:healthy-nand", "--yes", "--password", "hunter2"},
                {"flash", "x.fip", "--part", "fip", "--shell", "--yes", "-p", "sim:healthy-nand", "--password=hunter2"}}) {
            CliRun cli = new CliRun();
            assertEquals(MainCommand.BAD_INPUT, cli.run(args), cli.err());
            assertTrue(cli.err().contains("--password is not accepted: a password on the command line is visible in ps"), cli.err());
            assertTrue(cli.err().contains("--password-file FILE or R4_RESCUE_PASSWORD"), cli.err());
        }
        CliRun help = new CliRun();
        help.run("migrate", "--help");
        assertTrue(help.out().contains("--password-file=FILE"), help.out());
        assertFalse(help.out().contains("--password=") || help.out().contains("--password "), help.out());
    }

    @Test
    void theFileComesFirstThenTheEnvironment() throws Exception {
        PasswordOptions o = new PasswordOptions();
        o.environment = Map.of(PasswordOptions.ENV, "from-env")::get;
        assertEquals("from-env", o.source().get());
        Path f = dir.resolve("pw");
        Files.writeString(f, "from file\r\nsecond line\n");
        o.file = f;
        assertEquals("from file", o.source().get());
        // Neither: the prompt, which needs a terminal (none under the test runner).
        PasswordOptions none = new PasswordOptions();
        none.environment = name -> null;
        if (System.console() == null) {
            assertNull(none.source().get());
        }
    }

    @Test
    void theLogFileOfLogMasksWhatIsTypedAtAPasswordPrompt() {
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        r4rescue.console.ByteSink log = PortOptions.rawLog(file);
        log.onBytes("login: root\r\nPassword: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        log.onBytes("hunter2\r\n# ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("login: root\r\nPassword: *******\r\n# ", file.toString(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void anUnreadablePasswordFileIsRefusedBeforeThePortIsOpened() {
        PasswordOptions o = new PasswordOptions();
        o.file = dir.resolve("missing");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::source);
        assertTrue(e.getMessage().startsWith("Cannot read the password file " + o.file), e.getMessage());
        CliRun cli = new CliRun();
        assertEquals(MainCommand.BAD_INPUT, cli.run("checklist", "-p", "/dev/r4-no-such-port", "--password-file", o.file.toString()),
                cli.err());
        assertTrue(cli.err().contains("Cannot read the password file"), cli.err());
        assertFalse(cli.err().contains("r4-no-such-port"), "the port was not opened: " + cli.err());
    }
}
