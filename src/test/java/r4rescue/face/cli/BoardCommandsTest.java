package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Bad input is refused with exit 2 before any port is opened; a missing port is exit 3. */
@Tag("unit")
class BoardCommandsTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = new CommandLine(new MainCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setParameterExceptionHandler((ex, a) -> MainCommand.BAD_INPUT);
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void badInputIsRefusedBeforeTheBoardIsTouched() throws Exception {
        // The port does not exist: reaching it would give 3, so 2 proves nothing was opened.
        String port = "/dev/r4-no-such-port";
        assertEquals(MainCommand.BAD_INPUT, run("setenv", "bad name", "x", "-p", port).code());
        assertEquals(MainCommand.BAD_INPUT, run("setenv", "x", "two\nlines", "-p", port).code());
        Run root = run("bootargs", "--root", "/dev/nvme0n1", "-p", port);
        assertEquals(MainCommand.BAD_INPUT, root.code());
        assertTrue(root.err().contains("partition"), root.err());
        assertEquals(MainCommand.BAD_INPUT, run("bootargs", "--rootfstype", "ext9", "-p", port).code());
        assertEquals(MainCommand.BAD_INPUT, run("load", tmp.resolve("missing.bin").toString(), "-p", port).code());
        Path empty = Files.createFile(tmp.resolve("empty.bin"));
        assertEquals(MainCommand.BAD_INPUT, run("load", empty.toString(), "-p", port).code());
        Path one = Files.write(tmp.resolve("one.bin"), new byte[] {1});
        assertEquals(MainCommand.BAD_INPUT, run("load", one.toString(), "--addr", "zz", "-p", port).code());
        assertEquals(MainCommand.BAD_INPUT, run("env", "-p", port, "bad;name").code());
    }

    @Test
    void aPortThatIsNotThereIsNoLink() {
        Run r = run("env", "-p", "/dev/r4-no-such-port");
        assertEquals(MainCommand.NO_LINK, r.code());
        assertTrue(r.err().contains("No serial port /dev/r4-no-such-port"), r.err());
        assertTrue(r.err().contains("Fix:"), r.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String c : new String[] {"interrupt", "env", "setenv", "bootargs", "load"}) {
            Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().contains("--port"), c);
        }
    }

    @Test
    void benchmarkPrintsFigures() {
        CommandLine cl = new CommandLine(new BenchYmodemCommand());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--size", "12000", "--line-rate", "115200"));
        assertTrue(out.toString().matches("(?s).*ymodem\\.efficiency \\d+\\.\\d %.*"), out.toString());
        assertTrue(out.toString().contains("ymodem.rate "), out.toString());
    }
}
