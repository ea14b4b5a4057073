package r4rescue.procedure.migrate;

import java.util.ArrayList;
import java.util.List;
import r4rescue.util.Texts;

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
                reasons.add(Texts.t("proc.route.theKernelSaysThe", f.pcieDown()));
                return new MigrationRoute(Kind.NONE, Texts.t("proc.route.noNVMeSSDPCIe"), reasons, commands);
            }
            reasons.add(Texts.t(f.nvmeModule() ? "proc.route.noSsdVisible" : "proc.route.noSsdVisibleNoModule"));
            commands.add(install(f.packageManager(), "kmod-nvme"));
            return new MigrationRoute(Kind.NONE, Texts.t("proc.route.noNVMeSSDVisible"), reasons, commands);
        }
        if (f.sdBoot() != null && !f.forceSd()) {
            reasons.add(Texts.t("proc.route.thisSystemRunsFrom", f.sdBoot()));
            return new MigrationRoute(Kind.NONE, Texts.t("proc.route.runningFromTheSD"), reasons, commands);
        }
        if (!f.mkfsExt4()) {
            reasons.add("mkfs.ext4 is not on the board (package e2fsprogs).");
            commands.add(install(f.packageManager(), "e2fsprogs"));
        }
        if (f.nvmeModule()) {
            reasons.add(Texts.t("proc.route.theNVMeDriverIs", f.nvmeEvidence()));
            Extroot x = f.extroot();
            if (x != null) {
                if (!x.missingPackages().isEmpty()) {
                    reasons.add(Texts.t("proc.route.extrootNeeds", String.join(", ", x.missingPackages()),
                            Texts.t(x.network() ? "proc.route.theBoardReachesDownloads" : "proc.route.theBoardHasNo")));
                    commands.add(install(f.packageManager(), x.missingPackages().toArray(String[]::new)));
                }
                if (commands.isEmpty()) {
                    reasons.add(Texts.t("proc.route.blockMountExt4A"));
                } else {
                    reasons.add(Texts.t("proc.route.onceThoseAreInstalled"));
                    commands.addAll(x.steps());
                }
            }
            // Only packages in the way and the package server reachable: the program may install them itself.
            String installable = x != null && !x.missingPackages().isEmpty() && x.network() && f.mkfsExt4()
                    ? install(f.packageManager(), x.missingPackages().toArray(String[]::new)) : null;
            return new MigrationRoute(Kind.EXTROOT, Texts.t("proc.route.nvmeDriverIsA"), reasons,
                    commands, installable);
        }
        if (!f.partitionTool()) {
            reasons.add(Texts.t("proc.route.neitherSfdiskNorFdisk"));
            commands.add(install(f.packageManager(), "fdisk"));
        }
        if (!commands.isEmpty()) {
            return new MigrationRoute(Kind.NONE, Texts.t("proc.route.toolsMissingOnThe"), reasons, commands);
        }
        reasons.add(Texts.t("proc.route.theNVMeDriverIs2", f.nvmeEvidence()));
        return new MigrationRoute(Kind.ROOT_ARG, Texts.t("proc.route.nvmeBuiltIntoThe"), reasons, commands);
    }
}
