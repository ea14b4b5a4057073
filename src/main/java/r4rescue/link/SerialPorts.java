package r4rescue.link;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fazecast.jSerialComm.SerialPort;

/** The serial ports jSerialComm sees, with the stable Linux {@code /dev/serial/by-id} names. */
final class SerialPorts {

    static final Path BY_ID = Paths.get("/dev/serial/by-id");

    private SerialPorts() {
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Serial ports, likely USB-UART adapters first, then by name. */
    static List<PortInfo> list() {
        Map<Path, Path> byId = byIdLinks();
        List<PortInfo> ports = new ArrayList<>();
        for (SerialPort sp : SerialPort.getCommPorts()) {
            String path = sp.getSystemPortPath();
            String spec = isWindows() ? sp.getSystemPortName() : path;
            Path link = isWindows() ? null : byId.get(realPath(Paths.get(path)));
            int vid = sp.getVendorID();
            int pid = sp.getProductID();
            ports.add(new PortInfo(spec, sp.getSystemPortName(), sp.getPortDescription(), vid, pid,
                    cleanSerial(sp.getSerialNumber()), link == null ? null : link.toString(),
                    UsbUartAdapters.find(vid, pid).isPresent()));
        }
        ports.sort(Comparator.comparing((PortInfo p) -> !p.likelyAdapter()).thenComparing(PortInfo::systemName));
        return ports;
    }

    /** Maps each device behind {@code /dev/serial/by-id} to its by-id link. */
    static Map<Path, Path> byIdLinks() {
        Map<Path, Path> map = new HashMap<>();
        if (!Files.isDirectory(BY_ID)) {
            return map;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(BY_ID)) {
            for (Path link : dir) {
                Path real = realPath(link);
                if (real != null) {
                    map.put(real, link);
                }
            }
        } catch (IOException e) {
            // No by-id names: the ports are still usable by their system names.
        }
        return map;
    }

    /** The resolved path, or null if it does not exist (a dangling link). */
    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** jSerialComm says "Unknown" (or blank) where a device has no serial number. */
    static String cleanSerial(String s) {
        return s == null || s.isBlank() || s.equalsIgnoreCase("Unknown") ? null : s.trim();
    }
}
