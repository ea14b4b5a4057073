package r4rescue.link;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Supplier;

/**
 * What makes "the same adapter" when it comes back after an unplug: its USB serial number, or a
 * stable path (a {@code /dev/serial/by-id} name, or the symlink the user opened, such as a socat
 * {@code link=} name) — not {@code ttyUSB0}, which may be renumbered.
 *
 * @param stablePath   a symlink that follows the device, or null
 * @param serialNumber USB serial number, or null
 * @param vid          USB vendor id, -1 if unknown
 * @param pid          USB product id, -1 if unknown
 * @param device       the device path or port name last opened
 */
public record DeviceIdentity(String stablePath, String serialNumber, int vid, int pid, String device) {

    /**
     * Where the adapter is now: the stable path if it resolves, else the port with the same serial
     * number (and USB id), else — only when neither is known, as for a built-in UART or a Windows
     * COM name — the same device name if it exists. Null while it is gone.
     */
    public String locate(Supplier<List<PortInfo>> ports) {
        if (stablePath != null) {
            return Files.exists(Paths.get(stablePath)) ? stablePath : null;
        }
        if (serialNumber != null) {
            for (PortInfo p : ports.get()) {
                if (serialNumber.equals(p.serialNumber()) && (vid < 0 || p.vid() == vid) && (pid < 0 || p.pid() == pid)) {
                    return p.spec();
                }
            }
            return null;
        }
        if (SerialPorts.isWindows()) {
            return ports.get().stream().anyMatch(p -> p.spec().equalsIgnoreCase(device)) ? device : null;
        }
        return Files.exists(Paths.get(device)) ? device : null;
    }

    /** Short words for messages: the by-id name, the serial number or the device. */
    public String describe() {
        if (stablePath != null) {
            return stablePath;
        }
        return serialNumber != null ? device + " (serial " + serialNumber + ")" : device;
    }
}
