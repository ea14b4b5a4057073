package r4rescue.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;

import r4rescue.link.LinkException.Reason;

/** Turns a failed serial open (an OS error number) into words and a fix a user can act on. */
final class OpenErrors {

    /** The udev rule packaging/ installs: it gives the logged-in user access to USB-UART adapters. */
    static final String UDEV_RULE = "/etc/udev/rules.d/60-r4-rescue.rules";

    private static final int EPERM = 1, ENOENT = 2, ENXIO = 6, EAGAIN = 11, EACCES = 13, EBUSY = 16, ENODEV = 19;
    private static final int WIN_FILE_NOT_FOUND = 2, WIN_ACCESS_DENIED = 5;

    private OpenErrors() {
    }

    /** What the OS says about {@code device}: gathered here, explained by {@link #explain}. */
    static LinkException explain(String device, int errno) {
        if (SerialPorts.isWindows()) {
            return explainWindows(device, errno);
        }
        Path p = Paths.get(device);
        return explainPosix(device, errno, Files.exists(p), group(p));
    }

    /** The device file's group (dialout on Debian/Ubuntu, uucp on Arch), or null. */
    static String group(Path p) {
        try {
            return ((GroupPrincipal) Files.getAttribute(p, "posix:group")).getName();
        } catch (Exception e) {
            return null;
        }
    }

    static LinkException explainPosix(String device, int errno, boolean exists, String group) {
        if (!exists) {
            return notFound(device);
        }
        switch (errno) {
            case EACCES, EPERM -> {
                return new LinkException(Reason.PERMISSION, "No permission to open " + device, permissionFix(group));
            }
            case EBUSY, EAGAIN -> {
                return busy(device);
            }
            case ENOENT -> {
                // The file exists, so this is jSerialComm's own "already open in this program".
                return new LinkException(Reason.BUSY, device + " is already open in R4 Rescue",
                        "Close the other console or window using it");
            }
            case ENXIO, ENODEV -> {
                return new LinkException(Reason.NOT_FOUND, device + " exists but no device answers behind it",
                        "Unplug the adapter and plug it in again");
            }
            default -> {
                return new LinkException(Reason.OTHER, "Cannot open " + device + " (error " + errno + ")",
                        "Unplug the adapter and plug it in again; `r4-rescue ports` lists what is there");
            }
        }
    }

    static String permissionFix(String group) {
        String g = group == null || group.equals("root") ? "dialout" : group;
        return "Add yourself to the '" + g + "' group: sudo usermod -aG " + g + " $USER, then log out and in again"
                + " (or install the udev rule R4 Rescue ships in packaging/ as " + UDEV_RULE
                + ", then run sudo udevadm control --reload and plug the adapter in again)";
    }

    static LinkException explainWindows(String device, int error) {
        return switch (error) {
            case WIN_FILE_NOT_FOUND -> notFound(device);
            case WIN_ACCESS_DENIED -> busy(device);
            default -> new LinkException(Reason.OTHER, "Cannot open " + device + " (error " + error + ")",
                    "Unplug the adapter and plug it in again; check its driver in Device Manager");
        };
    }

    static LinkException notFound(String device) {
        return new LinkException(Reason.NOT_FOUND, "No serial port " + device,
                "Check that the adapter is plugged in; `r4-rescue ports` lists the ports there are");
    }

    static LinkException busy(String device) {
        return new LinkException(Reason.BUSY, device + " is in use by another program",
                "Close the other terminal using it (screen, minicom, picocom, tio, PuTTY) or stop ModemManager");
    }
}
