package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import r4rescue.link.LinkListener;
import r4rescue.link.SerialLink;

/** The {@code ports} and {@code console} subcommands, run in-process. */
class LinkCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        CommandLine cl = new CommandLine(new MainCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    @Test
    void portsJsonIsAnArrayOfPortObjects() throws Exception {
        assertEquals(MainCommand.OK, cli().execute("ports", "--json"));
        JsonNode ports = new ObjectMapper().readTree(out.toString());
        assertTrue(ports.isArray(), out.toString());
        for (JsonNode p : ports) {
            for (String field : new String[] {"spec", "systemName", "description", "vid", "pid", "serialNumber",
                    "byIdPath", "likelyAdapter"}) {
                assertTrue(p.has(field), field + " missing in " + p);
            }
            assertTrue(p.get("vid").isNull() || p.get("vid").asText().matches("[0-9a-f]{4}"), p.toString());
        }
    }

    @Test
    void helpOnBothSubcommands() {
        assertEquals(MainCommand.OK, cli().execute("console", "--help"));
        assertTrue(out.toString().contains("Ctrl-]"));
        assertTrue(out.toString().contains("--baud"));
        assertEquals(MainCommand.OK, cli().execute("ports", "--help"));
    }

    @Test
    void missingPortIsNoLinkWithTheReasonAndAFix() {
        int rc = cli().execute("console", "-p", dir.resolve("ttyUSB9").toString());
        assertEquals(MainCommand.NO_LINK, rc);
        assertTrue(err.toString().contains("No serial port"), err.toString());
        assertTrue(err.toString().contains("Fix: "), err.toString());
    }

    @Test
    void noPortOptionIsBadInput() {
        assertEquals(MainCommand.BAD_INPUT, cli().execute("console"));
    }

    @Test
    void pipedConsoleCarriesBytesBothWaysAndLogs() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
        Path a = dir.resolve("A");
        Path b = dir.resolve("B");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(Files.exists(a) && Files.exists(b)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // The "board": answers every byte in upper case.
            ByteArrayOutputStream board = new ByteArrayOutputStream();
            SerialLink far = new SerialLink(b.toString(), 115200);
            far.open(new LinkListener() {
                @Override
                public synchronized void onBytes(byte[] data, int offset, int length) {
                    board.write(data, offset, length);
                    String reply = new String(data, offset, length, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
                    try {
                        far.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            try (far) {
                CommandLine cl = cli();
                ConsoleCommand console = cl.getSubcommands().get("console").getCommand();
                console.in = new ByteArrayInputStream("printenv bootcmd\r".getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream shown = new ByteArrayOutputStream();
                console.out = shown;
                Path log = dir.resolve("session.log");
                int rc = cl.execute("console", "-p", a.toString(), "--timeout", "0.5", "--log", log.toString());
                assertEquals(MainCommand.OK, rc, err.toString());
                assertEquals("printenv bootcmd\r", board.toString(StandardCharsets.US_ASCII));
                assertEquals("PRINTENV BOOTCMD\r", shown.toString(StandardCharsets.US_ASCII));
                assertEquals("PRINTENV BOOTCMD\r", Files.readString(log, StandardCharsets.US_ASCII));
            }
        } finally {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
