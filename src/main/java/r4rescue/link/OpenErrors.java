package r4rescue.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;

import r4rescue.link.LinkException.Reason;

/** Turns a failed serial open (an OS error number) into words and a fix a user can act on. */
final class OpenErrors {

    /** Where the .deb/.rpm put the udev rule that gives the logged-in user access to USB-UART adapters. */
    static final String PACKAGED_RULE = "/usr/lib/udev/rules.d/60-r4-rescue.rules";
    /** Where a user copies the rule by hand when running from source. */
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
        String group = group(p);
        return explainPosix(device, errno, Files.exists(p), group,
                new Situation(Files.exists(Path.of(PACKAGED_RULE)) || Files.exists(Path.of(UDEV_RULE)),
                        listedInGroup(Path.of("/etc/group"), effectiveGroup(group), System.getProperty("user.name"))));
    }

    /** What decides which permission fix applies on this machine. */
    record Situation(boolean ruleInstalled, boolean listedInGroup) {
        static final Situation NOTHING = new Situation(false, false);
    }

    /** True if {@code user} is a member of {@code group} in the group file (it may not be in force yet). */
    static boolean listedInGroup(Path groupFile, String group, String user) {
        try {
            for (String line : Files.readAllLines(groupFile)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(group)) {
                    return java.util.Arrays.asList(f[3].split(",")).contains(user);
                }
            }
        } catch (Exception e) {
            // unreadable group file: fall back to the plain advice
        }
        return false;
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
        return explainPosix(device, errno, exists, group, Situation.NOTHING);
    }

    static LinkException explainPosix(String device, int errno, boolean exists, String group, Situation situation) {
        if (!exists) {
            return notFound(device);
        }
        switch (errno) {
            case EACCES, EPERM -> {
                String g = effectiveGroup(group);
                return new LinkException(Reason.PERMISSION, "No permission to open " + device,
                        permissionFix(group, situation), groupCommand(g, situation));
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

    static String effectiveGroup(String group) {
        return group == null || group.equals("root") ? "dialout" : group;
    }

    /** The fix that applies here: a group change not yet in force, a rule that did not apply, or neither yet. */
    static String permissionFix(String group, Situation situation) {
        String g = effectiveGroup(group);
        if (situation.listedInGroup()) {
            return "You are in the '" + g + "' group, but not in this login session yet: log out and in again"
                    + " (or start R4 Rescue from a shell after: newgrp " + g + ")";
        }
        if (situation.ruleInstalled()) {
            return "R4 Rescue's udev rule is installed but did not apply to this port: unplug the adapter and plug it"
                    + " in again. It only applies to the person logged in at the desk and to the usual adapters;"
                    + " otherwise add yourself to the '" + g + "' group: sudo usermod -aG " + g
                    + " $USER, then log out and in again";
        }
        return "Add yourself to the '" + g + "' group: sudo usermod -aG " + g + " $USER, then log out and in again"
                + " (or install the udev rule R4 Rescue ships in packaging/linux/ as " + UDEV_RULE
                + ", then run sudo udevadm control --reload and plug the adapter in again)";
    }

    static String groupCommand(String group, Situation situation) {
        return situation.listedInGroup() ? "newgrp " + group : "sudo usermod -aG " + group + " $USER";
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
