package r4rescue.procedure.migrate;

import java.io.IOException;

import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;

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
        steps.check("Copy the overlay (/overlay/upper, tar)", () -> {
            steps.state(BoardState.partlyChanged(partition + " receives a copy of the overlay (not yet verified); the board still boots its old overlay"));
            ShellResult r = shell.run("mkdir -p " + dst + " && (set -o pipefail; tar -C /overlay/upper -cf - . | tar -C " + dst + " -xf -) && sync",
                    COPY_TIMEOUT);
            if (!r.ok()) {
                throw steps.no("tar failed (exit " + r.exitStatus() + "): " + r.output().strip());
            }
            return "copied /overlay/upper to " + dst;
        });
        return steps.step("Verify the overlay copy (files and bytes)", () -> {
            long[] counts = new long[2];
            long[] bytes = new long[2];
            String[] dirs = {"/overlay/upper", dst};
            for (int i = 0; i < 2; i++) {
                counts[i] = number(shell.check(Sh.all("cd " + dirs[i], "find . | wc -l"), COPY_TIMEOUT));
                // tar's notes ("socket ignored") would land in the number; the entry count catches what it left out
                bytes[i] = number(shell.check(Sh.all("cd " + dirs[i], "tar -cf - . 2>/dev/null | wc -c"), COPY_TIMEOUT));
            }
            String ev = "entries: overlay " + counts[0] + ", copy " + counts[1] + "; tar stream bytes: overlay " + bytes[0] + ", copy " + bytes[1];
            if (counts[0] != counts[1] || bytes[0] != bytes[1]) {
                shell.run(Sh.all("sync", "umount " + mp));
                throw steps.no("The copy differs from the overlay: " + ev + ". The board still boots its old overlay.");
            }
            shell.check(Sh.all("sync", "umount " + mp));
            steps.state(BoardState.verified(partition + " holds a verified copy of the overlay; the board still boots its old overlay"));
            steps.info(ev);
            return new CopyReport(counts[0], bytes[0]);
        });
    }

    /**
     * Writes the fstab mount (uci, by UUID, target /overlay, enabled) and reads it back. The UUID comes
     * from the ext4 superblock read with dd: stock OpenWrt has no blkid (facts §12).
     */
    public String enable(String partition, boolean hexdump) throws Stopped {
        return steps.check("Write the extroot mount (" + SECTION + ", uci)", () -> {
            String dump = hexdump ? "hexdump -C" : "od -Ax -tx1";
            String uuid = DiskSignatures.ext4Uuid(DiskSignatures.parseDump(
                    shell.check("dd if=" + partition + " bs=4096 count=1 2>/dev/null | " + dump).output(), 4096));
            if (uuid == null) {
                throw steps.no(partition + " holds no ext4 superblock; nothing was written to /etc/config/fstab");
            }
            String[][] want = {{"", "mount"}, {".uuid", uuid}, {".target", "/overlay"}, {".enabled", "1"}};
            StringBuilder set = new StringBuilder();
            for (String[] w : want) {
                set.append("uci set ").append(SECTION).append(w[0]).append('=').append(Sh.quote(w[1])).append(" && ");
            }
            steps.state(BoardState.partlyChanged("writing " + SECTION + " to /etc/config/fstab"));
            ShellResult r = shell.run(set + "uci commit fstab");
            if (!r.ok()) {
                steps.state(stateAfterFailedCommit());
                throw steps.no("uci failed (exit " + r.exitStatus() + "): " + r.output().strip());
            }
            for (String[] w : want) {
                String got = shell.run("uci -q get " + SECTION + w[0]).text().strip();
                if (!got.equals(w[1])) {
                    steps.state(stateAfterFailedCommit());
                    throw steps.no("Read back " + SECTION + w[0] + "=" + got + ", expected " + w[1]);
                }
            }
            steps.state(BoardState.verified(SECTION + " enabled (read back): the next boot mounts " + partition + " (UUID " + uuid + ") on /overlay"));
            return shell.check("uci show " + SECTION).text() + "\n" + rememberFlash(partition);
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
            throw steps.no("Nothing is mounted on /overlay (/proc/self/mountinfo): the flash's overlay device is unknown");
        }
        String mp = cfg.mountPoint();
        String dir = mp + "/upper/etc/config";
        shell.check(Sh.all("mkdir -p " + mp, "mount -t ext4 " + partition + " " + mp, "mkdir -p " + dir, "cp /etc/config/fstab " + dir + "/fstab"));
        ShellResult r = shell.run("uci -c " + dir + " set " + RWM + "=mount && uci -c " + dir + " set " + RWM + ".device=" + Sh.quote(flash.source())
                + " && uci -c " + dir + " set " + RWM + ".target=/rwm && uci -c " + dir + " commit fstab");
        String got = shell.run("uci -q -c " + dir + " get " + RWM + ".device").text().strip();
        shell.check(Sh.all("sync", "umount " + mp));
        if (!r.ok() || !got.equals(flash.source())) {
            throw steps.no("Writing " + RWM + " to the SSD's copy failed (exit " + r.exitStatus() + "): " + r.output().strip()
                    + "; reads back " + got + ". Roll back with: uci set " + SECTION + ".enabled=0; uci commit fstab");
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
                ? BoardState.partlyChanged(SECTION + " reads back enabled=1: the next boot may mount the SSD on /overlay; check /etc/config/fstab")
                : BoardState.verified("/etc/config/fstab has no enabled extroot mount (read back): the board still boots its old overlay; "
                        + "the SSD holds the copy");
    }

    /** Reboots and proves /overlay is {@code partition} by device number (mountinfo against sysfs). */
    public String rebootAndProve(String partition, long timeoutMs) throws Stopped {
        reboot(timeoutMs);
        return steps.check("Prove /overlay is " + partition, () -> {
            DeviceProof.Proof p = DeviceProof.prove(shell, "/overlay", partition);
            if (!p.proven()) {
                steps.state(BoardState.partlyChanged(SECTION + " is enabled, but /overlay is not " + partition + ": roll back"));
                throw steps.no("/overlay is not " + partition + " after the reboot: " + p.evidence()
                        + ". Roll back with: uci set " + SECTION + ".enabled=0; uci commit fstab; reboot");
            }
            steps.state(BoardState.verified("running with /overlay on " + partition + " (proven by device number)"));
            return p.evidence();
        });
    }

    /**
     * Disables the fstab mount where preinit reads it, reboots and proves /overlay is no longer {@code partition}.
     * While /overlay is the SSD that is the flash's overlay ({@code fstab.rwm.device}, mounted for the change).
     */
    public String rollback(String partition, long timeoutMs) throws Stopped {
        steps.check("Disable the extroot mount (" + SECTION + ".enabled=0)", () -> {
            ShellResult rwm = DeviceProof.prove(shell, "/overlay", partition).proven() ? shell.run("uci -q get " + RWM + ".device") : null;
            String flash = rwm != null && rwm.ok() ? rwm.text().strip() : "";
            String c = flash.isEmpty() ? "" : "-c " + RWM_DIR + "/upper/etc/config ";
            if (!flash.isEmpty()) {
                shell.check(Sh.all("mkdir -p " + RWM_DIR, "mount " + Sh.quote(flash) + " " + RWM_DIR));
            }
            steps.state(BoardState.partlyChanged("disabling " + SECTION));
            ShellResult r = shell.run("uci " + c + "set " + SECTION + ".enabled=0 && uci " + c + "commit fstab");
            String got = shell.run("uci -q " + c + "get " + SECTION + ".enabled").text().strip();
            if (!flash.isEmpty()) {
                shell.check(Sh.all("sync", "umount " + RWM_DIR));
            }
            String where = flash.isEmpty() ? "/etc/config/fstab" : "the flash's overlay (" + flash + ")";
            if (!r.ok() || !got.equals("0")) {
                throw steps.no("uci failed on " + where + " (exit " + r.exitStatus() + "): " + r.output().strip() + "; " + SECTION + ".enabled reads " + got);
            }
            steps.state(BoardState.verified(SECTION + " disabled in " + where + " (read back): the next boot uses the flash's overlay again"));
            return SECTION + ".enabled=0 in " + where + " (read back)";
        });
        reboot(timeoutMs);
        return steps.check("Prove /overlay is no longer " + partition, () -> {
            DeviceProof.Proof p = DeviceProof.prove(shell, "/overlay", partition);
            if (p.partitionDevNumber() == null || p.mount() == null || p.proven()) {
                throw steps.no("Rollback not proven: " + p.evidence());
            }
            steps.state(BoardState.verified("running with the flash's overlay again; " + partition + " keeps its copy"));
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
                throw steps.no("The board did not come back to a shell: " + NvmeMigration.diagnose(log.toString()));
            }
            return "shell prompt back: " + shell.prompt();
        });
    }

    private static long number(ShellResult r) throws IOException {
        try {
            return Long.parseLong(r.text().strip());
        } catch (NumberFormatException e) {
            throw new IOException("Expected a number from `" + r.command() + "`, got: " + r.text());
        }
    }
}
