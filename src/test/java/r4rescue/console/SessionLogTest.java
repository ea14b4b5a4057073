package r4rescue.console;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.link.PipeLink;

@Tag("unit")
class SessionLogTest {

    @TempDir
    Path dir;

    /** A console on a scripted link with a session log under {@code dir} subscribed to it. */
    record Logged(PipeLink link, Console console, SessionLog log) {
        static Logged open(Path dir) throws Exception {
            PipeLink link = new PipeLink("/dev/ttyUSB0", 115200, (d, o, l) -> { });
            Console console = new Console(link);
            SessionLog log = SessionLog.start(dir, link.describe());
            console.subscribe("log", log);
            console.open();
            return new Logged(link, console, log);
        }
    }

    @Test
    void writesBothFilesAsItGoes() throws Exception {
        Logged l = Logged.open(dir);
        PipeLink link = l.link();
        Console console = l.console();
        SessionLog log = l.log();
        assertTrue(log.binFile().getFileName().toString().matches("\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_ttyUSB0\\.bin"),
                log.binFile().toString());

        byte[] first = "U-Boot 2024.10\r\n\u001b[32mOK\u001b[0m  50%\rOK 100%\r\nMT7988> ".getBytes(StandardCharsets.UTF_8);
        link.deliver(first, 0, first.length);
        // Not closed: what arrived must already be in the files (the program could die now).
        waitFor(() -> Files.size(log.binFile()) == first.length);
        assertArrayEquals(first, Files.readAllBytes(log.binFile()));
        waitFor(() -> Files.readString(log.logFile()).contains("100%"));
        List<String> lines = Files.readAllLines(log.logFile());
        assertTrue(lines.get(0).contains("\u2014 connected to /dev/ttyUSB0 at "), lines.get(0));
        assertTrue(lines.get(1).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}  U-Boot 2024\\.10"), lines.get(1));
        assertTrue(lines.get(2).endsWith("  OK 100%"), "CR overwrite and no escape garbage: " + lines.get(2));

        link.disconnect("adapter unplugged");
        waitFor(() -> Files.readString(log.logFile()).contains("disconnected at"));
        String text = Files.readString(log.logFile());
        assertTrue(text.contains("MT7988> \n"), "the open prompt is written before the marker");
        console.close();
        waitFor(() -> Files.readString(log.logFile()).contains("closed at"));
        assertNull(log.failure());
    }

    @Test
    void fileNamesAreSafe() {
        assertEquals("usb-FTDI_FT232R_A10K-if00-port0", SessionLog.safeName("/dev/serial/by-id/usb-FTDI_FT232R_A10K-if00-port0"));
        assertEquals("tcp_10.0.0.5_2000", SessionLog.safeName("tcp:10.0.0.5:2000"));
        assertEquals("COM3", SessionLog.safeName("COM3"));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.ok()) {
            if (System.nanoTime() > end) {
                fail("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
