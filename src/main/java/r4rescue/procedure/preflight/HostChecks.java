package r4rescue.procedure.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import r4rescue.link.LatencyTimer;
import r4rescue.link.UsbUartAdapters;
import r4rescue.util.Message;

/**
 * What the computer can say about the adapter without sending a byte: its chip (and whether it is
 * one reported flaky), the FTDI latency timer, and ModemManager. Reads {@code /proc}, {@code /sys}
 * and udev's database under {@code root} ("/" on a real system; a folder in tests).
 */
public final class HostChecks {

    /** The result: the chip's name (null when not a known USB-UART), and the findings that need action. */
    public record Report(String chip, Integer latencyMillis, boolean modemManager, boolean mmIgnored, List<AdapterFinding> findings) {
    }

    private final Path root;

    public HostChecks(Path root) {
        this.root = root;
    }

    public Report check(String port, int vid, int pid) {
        List<AdapterFinding> out = new ArrayList<>();
        UsbUartAdapters.Adapter a = UsbUartAdapters.find(vid, pid).orElse(null);
        if (a != null && a.note() != null && a.note().contains("flaky")) {
            out.add(new AdapterFinding(Verdict.CLONE_SUSPECT, Message.of("proc.said", a.chip() + ", " + a.vid() + ":" + a.pid())));
        }
        String tty = ttyName(port);
        Integer latency = null;
        if (tty != null) {
            Optional<Integer> l = LatencyTimer.of(root.resolve("sys/bus/usb-serial/devices"), tty);
            if (l.isPresent()) {
                latency = l.get();
                if (latency > LatencyTimer.GOOD_MS) {
                    out.add(new AdapterFinding(Verdict.LATENCY_HIGH, Message.of("proc.preflight.latencyHigh.detail", tty, latency)));
                }
            }
        }
        boolean mm = modemManagerRunning();
        boolean ignored = tty != null && mmIgnored(tty);
        if (mm && !ignored) {
            out.add(new AdapterFinding(Verdict.MODEMMANAGER, tty == null ? null
                    : Message.of("proc.preflight.modemManager.detail", tty)));
        }
        return new Report(a == null ? null : a.chip(), latency, mm, ignored, List.copyOf(out));
    }

    /** {@code ttyUSB0} for {@code /dev/serial/by-id/...} or {@code /dev/ttyUSB0}; null for tcp:, sim:, COM3. */
    static String ttyName(String port) {
        if (port == null || !port.startsWith("/")) {
            return null;
        }
        try {
            return Path.of(port).toRealPath().getFileName().toString();
        } catch (IOException e) {
            return Path.of(port).getFileName().toString();
        }
    }

    boolean modemManagerRunning() {
        Path proc = root.resolve("proc");
        if (!Files.isDirectory(proc)) {
            return false;
        }
        try (Stream<Path> s = Files.list(proc)) {
            return s.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .anyMatch(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).strip().equals("ModemManager");
                        } catch (IOException e) {
                            return false; // the process ended while we looked
                        }
                    });
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether udev's record of the tty carries {@code ID_MM_DEVICE_IGNORE=1}. */
    boolean mmIgnored(String tty) {
        try {
            String dev = Files.readString(root.resolve("sys/class/tty").resolve(tty).resolve("dev")).strip();
            return Files.readAllLines(root.resolve("run/udev/data").resolve("c" + dev)).contains("E:ID_MM_DEVICE_IGNORE=1");
        } catch (IOException e) {
            return false;
        }
    }
}
