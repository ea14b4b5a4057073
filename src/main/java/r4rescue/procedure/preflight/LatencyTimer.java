package r4rescue.procedure.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The FTDI driver's {@code latency_timer} (ms it holds received bytes before passing them on),
 * read from sysfs; empty for other chips and other systems.
 */
final class LatencyTimer {

    private LatencyTimer() {
    }

    static OptionalInt read(Path root, String ttyName) {
        Path f = root.resolve("sys/bus/usb-serial/devices").resolve(ttyName).resolve("latency_timer");
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(f).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
