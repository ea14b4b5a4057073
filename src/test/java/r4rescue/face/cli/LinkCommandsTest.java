package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import r4rescue.link.LinkListener;
import r4rescue.link.SerialLink;

/** The {@code ports} and {@code console} subcommands, run in-process. */
@Tag("qemu")
class LinkCommandsTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void portsJsonIsAnArrayOfPortObjects() throws Exception {
        assertEquals(MainCommand.OK, cli.run("ports", "--json"));
        JsonNode ports = new ObjectMapper().readTree(cli.out());
        assertTrue(ports.isArray(), cli.out());
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
        assertEquals(MainCommand.OK, cli.run("console", "--help"));
        assertTrue(cli.out().contains("Ctrl-]"));
        assertTrue(cli.out().contains("--baud"));
        assertEquals(MainCommand.OK, cli.run("ports", "--help"));
    }

    @Test
    void missingPortIsNoLinkWithTheReasonAndAFix() {
        int rc = cli.run("console", "-p", dir.resolve("ttyUSB9").toString());
        assertEquals(MainCommand.NO_LINK, rc);
        assertTrue(cli.err().contains("No serial port"), cli.err());
        assertTrue(cli.err().contains("Fix: "), cli.err());
    }

    @Test
    void noPortOptionIsBadInput() {
        assertEquals(MainCommand.BAD_INPUT, cli.run("console"));
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
                CommandLine cl = cli.commandLine();
                ConsoleCommand console = cl.getSubcommands().get("console").getCommand();
                console.in = new ByteArrayInputStream("printenv bootcmd\r".getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream shown = new ByteArrayOutputStream();
                console.out = shown;
                Path log = dir.resolve("session.log");
                int rc = cl.execute("console", "-p", a.toString(), "--timeout", "0.5", "--log", log.toString());
                assertEquals(MainCommand.OK, rc, cli.err());
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
