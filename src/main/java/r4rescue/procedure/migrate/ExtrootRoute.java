package r4rescue.procedure.migrate;

import java.io.IOException;

import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * OpenWrt's extroot (migrate.json "extroot", from OpenWrt's documentation) for a kernel whose NVMe
 * driver is a module: the root stays on the flash, block-mount mounts the SSD partition on /overlay at
 * preinit. After {@link NvmeMigration#partition} has written and formatted one ext4 partition:
 * copy the overlay, write the fstab mount by UUID, reboot, prove /overlay by device number.
 * Each step is checked; until the fstab entry is enabled the board boots its old overlay.
 */
public final class ExtrootRoute {

    private static final long COPY_TIMEOUT = 60 * 60_000L;
    /** uci section of the mount; OpenWrt's page names it fstab.overlay, any name works for block-mount. */
    public static final String SECTION = "fstab.extroot";
    /** OpenWrt's name for the mount of the flash's overlay under an extroot. */
    static final String RWM = "fstab.rwm";
    private static final String RWM_DIR = "/tmp/r4rescue-rwm";

    private final ShellProcedure steps;
    private final ShellDriver shell;
    private final MigrateConfig cfg;

    public ExtrootRoute(ShellProcedure steps, MigrateConfig cfg) {
        this.steps = steps;
        this.shell = steps.shell();
        this.cfg = cfg;
    }

    /** Result of the overlay copy: entries and tar stream bytes, equal on both sides. */
    public record CopyReport(long files, long bytes) {
    }

    /** Copies /overlay/upper to {@code partition}'s upper/ with tar and checks entry count and bytes. */
    public CopyReport copyOverlay(String partition) throws Stopped {
        String mp = cfg.mountPoint();
        String dst = mp + "/upper";
        steps.check("Mount " + partition + " on " + mp, () -> {
            shell.check("mkdir -p " + mp + " && { grep -q ' " + mp + " ' /proc/mounts || mount -t ext4 " + partition + " " + mp + "; }");
            return shell.check("grep ' " + mp + " ' /proc/mounts").text();
        });
        steps.check(Message.of("proc.extroot.copyTheOverlayOverlay"), () -> {
            steps.state(BoardState.partlyChanged(Message.of("proc.extroot.receivesACopyOf", partition)));
            ShellResult r = shell.run("mkdir -p " + dst + " && (set -o pipefail; tar -C /overlay/upper -cf - . | tar -C " + dst + " -xf -) && sync",
                    COPY_TIMEOUT);
            if (!r.ok()) {
                throw steps.no("tar failed (exit " + r.exitStatus() + "): " + r.output().strip());
            }
            return Texts.t("proc.extroot.copiedOverlayUpperTo", dst);
        });
        return steps.step(Message.of("proc.extroot.verifyTheOverlayCopy"), () -> {
            long[] counts = new long[2];
            long[] bytes = new long[2];
            String[] dirs = {"/overlay/upper", dst};
            for (int i = 0; i < 2; i++) {
                counts[i] = number(shell.check(Sh.all("cd " + dirs[i], "find . | wc -l"), COPY_TIMEOUT));
                // tar's notes ("socket ignored") would land in the number; the entry count catches what it left out
                bytes[i] = number(shell.check(Sh.all("cd " + dirs[i], "tar -cf - . 2>/dev/null | wc -c"), COPY_TIMEOUT));
            }
            String ev = Texts.t("proc.extroot.entriesOverlay", counts[0], counts[1], bytes[0], bytes[1]);
            if (counts[0] != counts[1] || bytes[0] != bytes[1]) {
                shell.run(Sh.all("sync", "umount " + mp));
                throw steps.no(Message.of("proc.extroot.theCopyDiffersFrom", ev));
            }
            shell.check(Sh.all("sync", "umount " + mp));
            steps.state(BoardState.verified(Message.of("proc.extroot.holdsAVerifiedCopy", partition)));
            steps.info(ev);
            return new CopyReport(counts[0], bytes[0]);
        });
    }

    /**
     * Writes the fstab mount (uci, by UUID, target /overlay, enabled) and reads it back. The UUID comes
     * from the ext4 superblock read with dd: stock OpenWrt has no blkid (facts §12).
     */
    public String enable(String partition, boolean hexdump) throws Stopped {
        return steps.check(Message.of("proc.extroot.writeTheExtrootMount", SECTION), () -> {
            String uuid = uuid(partition, hexdump);
            if (uuid == null) {
                throw steps.no(Message.of("proc.extroot.holdsNoExt4Superblock", partition));
            }
            String[][] want = {{"", "mount"}, {".uuid", uuid}, {".target", "/overlay"}, {".enabled", "1"}};
            StringBuilder set = new StringBuilder();
            for (String[] w : want) {
                set.append("uci set ").append(SECTION).append(w[0]).append('=').append(Sh.quote(w[1])).append(" && ");
            }
            steps.state(BoardState.partlyChanged(Message.of("proc.extroot.writingFstab", SECTION)));
            ShellResult r = shell.run(set + "uci commit fstab");
            if (!r.ok()) {
                steps.state(stateAfterFailedCommit());
                throw steps.no("uci failed (exit " + r.exitStatus() + "): " + r.output().strip());
            }
            for (String[] w : want) {
                String got = shell.run("uci -q get " + SECTION + w[0]).text().strip();
                if (!got.equals(w[1])) {
                    steps.state(stateAfterFailedCommit());
                    throw steps.no(Message.of("proc.extroot.readBack", SECTION, w[0], got, w[1]));
                }
            }
            steps.state(BoardState.verified(Message.of("proc.extroot.enabledReadBackThe", SECTION, partition, uuid)));
            return shell.check("uci show " + SECTION).text() + "\n" + rememberFlash(partition);
        });
    }

    /** The ext4 UUID in {@code partition}'s superblock, read with dd (stock OpenWrt has no blkid); null if none. */
    private String uuid(String partition, boolean hexdump) throws IOException {
        String dump = hexdump ? "hexdump -C" : "od -Ax -tx1";
        return DiskSignatures.ext4Uuid(DiskSignatures.parseDump(
                shell.check("dd if=" + partition + " bs=4096 count=1 2>/dev/null | " + dump).output(), 4096));
    }

    /**
     * Where /overlay is, asked after a break (a resume), never assumed from a journal: preinit mounts
     * {@code partition} when the fstab mount is enabled with the UUID its superblock holds now (both read
     * back); /overlay runs from it when proven by device number.
     */
    public NvmeMigration.RootNow whereOverlayIs(String partition, boolean hexdump) throws Stopped {
        return steps.step(Texts.t("journal.extroot.ask", partition), () -> {
            String uuid = uuid(partition, hexdump);
            boolean enabled = uuid != null && "1".equals(shell.run("uci -q get " + SECTION + ".enabled").text().strip())
                    && uuid.equals(shell.run("uci -q get " + SECTION + ".uuid").text().strip());
            boolean running;
            try {
                running = DeviceProof.prove(shell, "/overlay", partition).proven();
            } catch (IOException e) {
                running = false; // the partition is not there (yet): /overlay is not on it
            }
            NvmeMigration.RootNow now = !enabled ? NvmeMigration.RootNow.NOT_YET
                    : running ? NvmeMigration.RootNow.RUNNING_FROM_IT : NvmeMigration.RootNow.BOOTS_IT;
            steps.info(Texts.t("journal.extroot.found." + now.name().toLowerCase(java.util.Locale.ROOT), partition, SECTION));
            return now;
        });
    }

    /**
     * Gives the SSD's copy the fstab as it is now and OpenWrt's {@code fstab.rwm} mount of the flash's overlay
     * device (extroot documentation, "original overlay"): preinit reads the extroot mount from the flash's
     * overlay (fstools block.c, migrate.json fstoolsBlock), which is not mounted once /overlay is the SSD, so
     * the rollback needs its device.
     */
    private String rememberFlash(String partition) throws IOException, Stopped {
        DeviceProof.Mount flash = DeviceProof.mountOn(DeviceProof.mounts(shell), "/overlay").orElse(null);
        if (flash == null) {
            throw steps.no(Message.of("proc.extroot.nothingIsMountedOn"));
        }
        String mp = cfg.mountPoint();
        String dir = mp + "/upper/etc/config";
        shell.check(Sh.all("mkdir -p " + mp, "mount -t ext4 " + partition + " " + mp, "mkdir -p " + dir, "cp /etc/config/fstab " + dir + "/fstab"));
        ShellResult r = shell.run("uci -c " + dir + " set " + RWM + "=mount && uci -c " + dir + " set " + RWM + ".device=" + Sh.quote(flash.source())
                + " && uci -c " + dir + " set " + RWM + ".target=/rwm && uci -c " + dir + " commit fstab");
        String got = shell.run("uci -q -c " + dir + " get " + RWM + ".device").text().strip();
        shell.check(Sh.all("sync", "umount " + mp));
        if (!r.ok() || !got.equals(flash.source())) {
            throw steps.no(Message.of("proc.extroot.writing", RWM, r.exitStatus(), r.output().strip(), got, SECTION));
        }
        return "the SSD's copy: " + RWM + ".device=" + got + " (the flash's overlay, for the rollback)";
    }

    /**
     * What /etc/config/fstab says after a failed write: read back, not assumed. The staged changes are
     * dropped first ({@code uci revert}): {@code uci get} would show them, and a later commit would write them.
     */
    private BoardState stateAfterFailedCommit() throws IOException {
        shell.run("uci revert fstab");
        String enabled = shell.run("uci -q get " + SECTION + ".enabled").text().strip();
        return "1".equals(enabled)
                ? BoardState.partlyChanged(Message.of("proc.extroot.readsBackEnabled1", SECTION))
                : BoardState.verified(Message.of("proc.extroot.etcConfigFstabHas"));
    }

    /** Reboots and proves /overlay is {@code partition} by device number (mountinfo against sysfs). */
    public String rebootAndProve(String partition, long timeoutMs) throws Stopped {
        reboot(timeoutMs);
        return steps.check(Message.of("proc.extroot.proveOverlayIs", partition), () -> {
            DeviceProof.Proof p = DeviceProof.prove(shell, "/overlay", partition);
            if (!p.proven()) {
                steps.state(BoardState.partlyChanged(Message.of("proc.extroot.isEnabledButOverlay", SECTION, partition)));
                throw steps.no(Message.of("proc.extroot.overlayIsNot", partition, p.evidence(), SECTION));
            }
            steps.state(BoardState.verified(Message.of("proc.extroot.runningWithOverlayOn", partition)));
            return p.evidence();
        });
    }

    /**
     * Disables the fstab mount where preinit reads it, reboots and proves /overlay is no longer {@code partition}.
     * While /overlay is the SSD that is the flash's overlay ({@code fstab.rwm.device}, mounted for the change).
     */
    public String rollback(String partition, long timeoutMs) throws Stopped {
        steps.check(Message.of("proc.extroot.disableTheExtrootMount", SECTION), () -> {
            ShellResult rwm = DeviceProof.prove(shell, "/overlay", partition).proven() ? shell.run("uci -q get " + RWM + ".device") : null;
            String flash = rwm != null && rwm.ok() ? rwm.text().strip() : "";
            String c = flash.isEmpty() ? "" : "-c " + RWM_DIR + "/upper/etc/config ";
            if (!flash.isEmpty()) {
                shell.check(Sh.all("mkdir -p " + RWM_DIR, "mount " + Sh.quote(flash) + " " + RWM_DIR));
            }
            steps.state(BoardState.partlyChanged(Message.of("proc.extroot.disabling", SECTION)));
            ShellResult r = shell.run("uci " + c + "set " + SECTION + ".enabled=0 && uci " + c + "commit fstab");
            String got = shell.run("uci -q " + c + "get " + SECTION + ".enabled").text().strip();
            if (!flash.isEmpty()) {
                shell.check(Sh.all("sync", "umount " + RWM_DIR));
            }
            String where = flash.isEmpty() ? "/etc/config/fstab" : Texts.t("proc.extroot.theFlashSOverlay", flash);
            if (!r.ok() || !got.equals("0")) {
                throw steps.no(Message.of("proc.extroot.uciFailedOn", where, r.exitStatus(), r.output().strip(), SECTION, got));
            }
            steps.state(BoardState.verified(Message.of("proc.extroot.disabledIn", SECTION, where)));
            return SECTION + ".enabled=0 in " + where + " (read back)";
        });
        reboot(timeoutMs);
        return steps.check(Message.of("proc.extroot.proveOverlayIsNo", partition), () -> {
            DeviceProof.Proof p = DeviceProof.prove(shell, "/overlay", partition);
            if (p.partitionDevNumber() == null || p.mount() == null || p.proven()) {
                throw steps.no(Message.of("proc.extroot.rollbackNotProven", p.evidence()));
            }
            steps.state(BoardState.verified(Message.of("proc.extroot.runningWithTheFlash", partition)));
            return p.evidence();
        });
    }

    private void reboot(long timeoutMs) throws Stopped {
        StringBuilder log = new StringBuilder();
        steps.check("Reboot", () -> {
            shell.sendFinal("reboot");
            try {
                shell.awaitReboot(timeoutMs, log);
            } catch (IOException e) {
                throw steps.no(Message.of("proc.extroot.theBoardDidNot", NvmeMigration.diagnose(log.toString())));
            }
            return "shell prompt back: " + shell.prompt();
        });
    }

    private static long number(ShellResult r) throws IOException {
        try {
            return Long.parseLong(r.text().strip());
        } catch (NumberFormatException e) {
            throw new IOException(Texts.t("proc.extroot.expectedANumberFrom", r.command(), r.text()));
        }
    }
}
