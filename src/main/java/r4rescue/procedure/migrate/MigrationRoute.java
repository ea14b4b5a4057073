package r4rescue.procedure.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Which way the root can move to the SSD on this board, decided by the preflight before anything is
 * written, in plain words: {@code why} the route was chosen, {@code reasons} that stand in the way or
 * matter, and {@code commands} the user can run first (exact package install lines). {@code install}
 * is the one install line the program may run itself (null when there is none, or no network).
 */
public record MigrationRoute(Kind kind, String why, List<String> reasons, List<String> commands, String install) {

    public MigrationRoute(Kind kind, String why, List<String> reasons, List<String> commands) {
        this(kind, why, reasons, commands, null);
    }

    public enum Kind {
        /** The kernel has NVMe built in: point root= at the SSD (the boot guide's way). */
        ROOT_ARG,
        /** NVMe is a module (stock OpenWrt): the kernel cannot mount root= on it; OpenWrt's extroot moves /overlay instead. */
        EXTROOT,
        /** Nothing can be done yet: the reasons say why, the commands what to do first. */
        NONE
    }

    /** What the preflight saw that decides the route. */
    public record Facts(boolean ssdVisible, boolean nvmeModule, String nvmeEvidence, String pcieDown, String sdBoot, boolean forceSd,
            String packageManager, boolean mkfsExt4, boolean partitionTool, Extroot extroot) {
    }

    /**
     * What the extroot route needs on this board: packages it lacks (block-mount, kmod-fs-ext4),
     * whether the board reaches the package server, and OpenWrt's documented steps for this SSD.
     */
    public record Extroot(List<String> missingPackages, boolean network, List<String> steps) {
    }

    /** Whether the root= route (partition, copy the root, point root=) may start. */
    public boolean canMigrate() {
        return kind == Kind.ROOT_ARG;
    }

    /** Whether the extroot route ({@link ExtrootRoute}) may start: nothing it needs is missing. */
    public boolean canRunExtroot() {
        return kind == Kind.EXTROOT && commands.isEmpty();
    }

    /** The package manager's install line: {@code opkg} on OpenWrt 24.10 and before, {@code apk} from 25.x. */
    public static String install(String packageManager, String... packages) {
        String list = String.join(" ", packages);
        return "apk".equals(packageManager) ? "apk update && apk add " + list : "opkg update && opkg install " + list;
    }

    public static MigrationRoute decide(Facts f) {
        List<String> reasons = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        if (!f.ssdVisible()) {
            if (f.pcieDown() != null) {
                reasons.add("The kernel says the PCIe link is down (\"" + f.pcieDown() + "\"): the SSD is not seen on the M.2 slot."
                        + " Check that it is an NVMe (M-key) SSD, seated fully and screwed down, then power-cycle.");
                return new MigrationRoute(Kind.NONE, "no NVMe SSD: PCIe link down", reasons, commands);
            }
            reasons.add("No NVMe SSD is visible to Linux. Stock OpenWrt has no NVMe driver until the package kmod-nvme is installed"
                    + (f.nvmeModule() ? "" : " (no nvme module is loaded or installed)") + ".");
            commands.add(install(f.packageManager(), "kmod-nvme"));
            return new MigrationRoute(Kind.NONE, "no NVMe SSD visible: install kmod-nvme", reasons, commands);
        }
        if (f.sdBoot() != null && !f.forceSd()) {
            reasons.add("This system runs from the SD card (" + f.sdBoot() + "). Migrating it would copy the SD card's system and change"
                    + " the SD card's boot environment; both are gone once the switches point back at NAND."
                    + " Boot from NAND or eMMC first, or insist with --force-sd.");
            return new MigrationRoute(Kind.NONE, "running from the SD card", reasons, commands);
        }
        if (!f.mkfsExt4()) {
            reasons.add("mkfs.ext4 is not on the board (package e2fsprogs).");
            commands.add(install(f.packageManager(), "e2fsprogs"));
        }
        if (f.nvmeModule()) {
            reasons.add("The NVMe driver is a module (" + f.nvmeEvidence() + "). OpenWrt boots without an initramfs, so the kernel looks for"
                    + " root= before it can load that module: root=/dev/nvme0n1p1 would wait forever (\"Waiting for root device\")."
                    + " OpenWrt's way to run from an SSD with this kernel is extroot: the root stays on the flash and /overlay moves to the SSD.");
            Extroot x = f.extroot();
            if (x != null) {
                if (!x.missingPackages().isEmpty()) {
                    reasons.add("Extroot needs " + String.join(", ", x.missingPackages()) + ", not installed on this board. "
                            + (x.network() ? "The board reaches downloads.openwrt.org: install them with the command below"
                            + " (or let the program run it: `migrate --install-packages`, or Install in the window)."
                            : "The board has no network (downloads.openwrt.org does not answer): download the packages for this"
                            + " release on a computer, copy them to /tmp on the board and install them from there."));
                    commands.add(install(f.packageManager(), x.missingPackages().toArray(String[]::new)));
                }
                if (commands.isEmpty()) {
                    reasons.add("block-mount, ext4, a partitioning tool and mkfs.ext4 are present: `r4-rescue migrate` runs OpenWrt's extroot steps,"
                            + " checked one by one, and proves /overlay on the SSD after the reboot (the window does not run them yet).");
                } else {
                    reasons.add("Once those are installed, run the migration again; OpenWrt's documented steps for this SSD follow.");
                    commands.addAll(x.steps());
                }
            }
            // Only packages in the way and the package server reachable: the program may install them itself.
            String installable = x != null && !x.missingPackages().isEmpty() && x.network() && f.mkfsExt4()
                    ? install(f.packageManager(), x.missingPackages().toArray(String[]::new)) : null;
            return new MigrationRoute(Kind.EXTROOT, "NVMe driver is a module: extroot (/overlay on the SSD), not root=", reasons,
                    commands, installable);
        }
        if (!f.partitionTool()) {
            reasons.add("Neither sfdisk nor fdisk is on the board.");
            commands.add(install(f.packageManager(), "fdisk"));
        }
        if (!commands.isEmpty()) {
            return new MigrationRoute(Kind.NONE, "tools missing on the board", reasons, commands);
        }
        reasons.add("The NVMe driver is built into the kernel (" + f.nvmeEvidence() + "): the kernel finds the SSD before it mounts root.");
        return new MigrationRoute(Kind.ROOT_ARG, "NVMe built into the kernel: root= on the SSD", reasons, commands);
    }
}
