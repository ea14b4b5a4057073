package r4rescue.link;

/**
 * One port a user can pick.
 *
 * @param spec          what to pass to {@link Links#open}: a device path, {@code tcp:HOST:PORT} or {@code sim:SCENARIO}
 * @param systemName    the OS name ({@code ttyUSB0}, {@code COM3}), or the spec for non-serial ports
 * @param description   what the device says it is
 * @param vid           USB vendor id, -1 if unknown
 * @param pid           USB product id, -1 if unknown
 * @param serialNumber  USB serial number, or null
 * @param byIdPath      the stable {@code /dev/serial/by-id/...} name on Linux, or null
 * @param likelyAdapter a USB-UART chip people use on this board (CP210x, CH34x, FT232, PL2303)
 */
public record PortInfo(String spec, String systemName, String description, int vid, int pid,
                       String serialNumber, String byIdPath, boolean likelyAdapter) {
}
