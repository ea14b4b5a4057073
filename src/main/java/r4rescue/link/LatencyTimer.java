package r4rescue.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An FTDI adapter's {@code latency_timer}: the chip holds received bytes until 62 are waiting or this
 * many milliseconds pass. The Linux default is 16, so every YMODEM ACK can arrive up to 16 ms late
 * (about 15 % of a 1 KiB block at 115200). Linux shows it, for ftdi_sio only, as
 * {@code /sys/bus/usb-serial/devices/ttyUSBn/latency_timer}; the packages' udev rule sets it to 1.
 */
public final class LatencyTimer {

    /** Above this many milliseconds the program says so. */
    public static final int GOOD_MS = 1;
    private static final Path SYSFS = Path.of("/sys/bus/usb-serial/devices");

    private LatencyTimer() {
    }

    /** The timer of the tty behind {@code device} ({@code /dev/ttyUSB0}, a by-id link), if the driver has one. */
    public static Optional<Integer> of(String device) {
        return of(SYSFS, device);
    }

    /** The same under another sysfs folder ({@code sysfs} = …/sys/bus/usb-serial/devices), for checks of a made-up root. */
    public static Optional<Integer> of(Path sysfs, String device) {
        try {
            Path p = Path.of(device);
            Path real = Files.exists(p) ? p.toRealPath() : p;
            Path file = sysfs.resolve(real.getFileName().toString()).resolve("latency_timer");
            if (!Files.isReadable(file)) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(Files.readString(file).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A warning for a timer above {@link #GOOD_MS}, or empty. */
    public static Optional<String> warning(String device) {
        return of(device).flatMap(ms -> warning(device, ms));
    }

    static Optional<String> warning(String device, int ms) {
        if (ms <= GOOD_MS) {
            return Optional.empty();
        }
        return Optional.of(device + ": the adapter's latency timer is " + ms + " ms, which slows every YMODEM block"
                + " (up to " + ms + " ms per ACK). Install the package's udev rule (it sets 1 ms), or for now: "
                + "echo 1 | sudo tee /sys/bus/usb-serial/devices/" + Path.of(device).getFileName() + "/latency_timer");
    }
}
