package r4rescue.link;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FTDI latency timer is read from sysfs, through a by-id link, and a high one is reported. */
@Tag("unit")
class LatencyTimerTest {

    @TempDir
    Path dir;

    @Test
    void readsTheTimerOfTheTtyBehindAByIdLink() throws Exception {
        Path sysfs = dir.resolve("usb-serial");
        Files.createDirectories(sysfs.resolve("ttyUSB3"));
        Files.writeString(sysfs.resolve("ttyUSB3/latency_timer"), "16\n");
        Path tty = Files.createFile(dir.resolve("ttyUSB3"));
        Path byId = Files.createSymbolicLink(dir.resolve("usb-FTDI_FT232R_USB_UART_A10K-if00-port0"), tty);
        assertEquals(Optional.of(16), LatencyTimer.of(sysfs, byId.toString()));
        assertEquals(Optional.empty(), LatencyTimer.of(sysfs, dir.resolve("ttyACM0").toString()), "no such attribute");
    }

    @Test
    void sixteenMillisecondsIsReportedOneIsNot() {
        String w = LatencyTimer.warning("/dev/ttyUSB0", 16).orElseThrow();
        assertTrue(w.contains("16 ms") && w.contains("/sys/bus/usb-serial/devices/ttyUSB0/latency_timer"), w);
        assertTrue(LatencyTimer.warning("/dev/ttyUSB0", 1).isEmpty());
    }
}
