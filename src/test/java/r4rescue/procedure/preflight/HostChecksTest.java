package r4rescue.procedure.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks without a byte sent, on a made-up /proc, /sys and udev database. */
@Tag("unit")
class HostChecksTest {

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Path tty() throws IOException {
        Path dev = root.resolve("dev/ttyUSB0");
        Files.createDirectories(dev.getParent());
        Files.writeString(dev, "");
        write("sys/class/tty/ttyUSB0/dev", "188:0\n");
        return dev;
    }

    private static List<Verdict> verdicts(HostChecks.Report r) {
        return r.findings().stream().map(AdapterFinding::verdict).toList();
    }

    @Test
    void anFtdiWithTheDefaultLatencyAndModemManagerUnleashed() throws IOException {
        Path dev = tty();
        write("sys/bus/usb-serial/devices/ttyUSB0/latency_timer", "16\n");
        write("proc/812/comm", "ModemManager\n");
        write("proc/1/comm", "systemd\n");
        HostChecks.Report r = new HostChecks(root).check(dev.toString(), 0x0403, 0x6001);
        assertEquals("FTDI FT232R", r.chip());
        assertEquals(16, r.latencyMillis());
        assertEquals(List.of(Verdict.LATENCY_HIGH, Verdict.MODEMMANAGER), verdicts(r));
    }

    @Test
    void theUdevFlagQuietsModemManagerAndOneMillisecondIsFine() throws IOException {
        Path dev = tty();
        write("sys/bus/usb-serial/devices/ttyUSB0/latency_timer", "1\n");
        write("proc/812/comm", "ModemManager\n");
        write("run/udev/data/c188:0", "S:serial/by-id/usb-FTDI\nE:ID_MM_DEVICE_IGNORE=1\nG:uaccess\n");
        HostChecks.Report r = new HostChecks(root).check(dev.toString(), 0x0403, 0x6015);
        assertTrue(r.modemManager());
        assertTrue(r.mmIgnored());
        assertEquals(List.of(), verdicts(r));
    }

    @Test
    void aProlificIsFlaggedAndAFolderWithoutProcHasNoModemManager() throws IOException {
        HostChecks.Report r = new HostChecks(root).check(tty().toString(), 0x067b, 0x2303);
        assertEquals(List.of(Verdict.CLONE_SUSPECT), verdicts(r));
        assertFalse(r.modemManager());
        assertNull(r.latencyMillis());
        assertNull(HostChecks.ttyName("tcp:host:2000"));
    }
}
