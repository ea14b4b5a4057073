package r4rescue.procedure.migrate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellException;
import r4rescue.protocol.shell.ShellResult;

/**
 * Moving the root filesystem to the NVMe SSD (boot guide "Configuring NAND Boot → NVMe Root"):
 * preflight, partition + format, copy + verify, point the root at it, reboot and prove. Each part is
 * a checked step; nothing is destroyed without the checks before it passing.
 */
public final class NvmeMigration {

    private static final long COPY_TIMEOUT = 60 * 60_000L;
    private static final long MKFS_TIMEOUT = 10 * 60_000L;

    private final Steps steps;
    private final ShellDriver shell;
    private final MigrateConfig cfg;
    private final String device;

    public NvmeMigration(Steps steps, MigrateConfig cfg, String device) {
        this.steps = steps;
        this.shell = steps.shell();
        this.cfg = cfg;
        this.device = device;
    }

    public String device() {
        return device;
    }

    /**
     * Looks before touching anything. {@code bootLogObservation} is what the boot log showed about
     * the boot medium (e.g. "BL2 from SPI-NAND"), or null.
     */
    public PreflightReport preflight(String bootLogObservation) throws IOException, ProcedureException {
        String name = device.substring(device.lastIndexOf('/') + 1);
        List<String> parts = new ArrayList<>();
        long[] size = new long[1];
        steps.step("NVMe present", () -> {
            ShellResult pp = shell.check("cat /proc/partitions");
            boolean present = false;
            for (String line : pp.output().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4 && f[3].equals(name)) {
                    present = true;
                } else if (f.length == 4 && f[3].matches(Pattern.quote(name) + "p?\\d+")) {
                    parts.add(f[3] + " " + (Long.parseLong(f[2]) >> 10) + " MiB");
                }
            }
            if (!present) {
                throw steps.refuse(device + " is not in /proc/partitions: no NVMe SSD seen (seated? kmod-nvme installed?)");
            }
            size[0] = Long.parseLong(shell.check("cat /sys/block/" + name + "/size").text().strip()) * 512;
            return device + ": " + (size[0] >> 20) + " MiB" + (parts.isEmpty() ? ", no partitions" : ", partitions: " + String.join(", ", parts));
        });
        String[] lsblk = {""};
        List<String> filesystems = new ArrayList<>();
        List<String> mounted = new ArrayList<>();
        steps.step("Existing partitions and filesystems", () -> {
            ShellResult l = shell.run("lsblk " + device);
            lsblk[0] = l.ok() ? l.text() : "(lsblk not available)";
            ShellResult b = shell.run("blkid " + device + "*");
            if (b.notFound()) {
                filesystems.add("(blkid not available: filesystems unknown, partitions count as data)");
            }
            for (String line : b.output().split("\n")) {
                if (line.startsWith(device) && line.matches(".*\\b(PT)?TYPE=\".*")) {
                    filesystems.add(line.strip());
                }
            }
            for (String line : shell.run("grep " + Sh.quote("^" + device) + " /proc/mounts").output().split("\n")) {
                if (!line.isBlank()) {
                    mounted.add(line.strip());
                }
            }
            return (filesystems.isEmpty() ? "no filesystems" : String.join("; ", filesystems))
                    + (mounted.isEmpty() ? "; not mounted" : "; MOUNTED: " + String.join("; ", mounted)) + "\n" + lsblk[0];
        });
        long[] used = new long[1];
        steps.step("Space the current root uses", () -> {
            ShellResult du = shell.check("du -sxk /", 10 * 60_000L);
            Matcher m = Pattern.compile("^(\\d+)").matcher(du.text().strip());
            if (!m.find()) {
                throw steps.no("du gave no size: " + du.text());
            }
            used[0] = Long.parseLong(m.group(1)) * 1024;
            ShellResult df = shell.run("df -h /");
            return (used[0] >> 20) + " MiB used by / (du -sxk /); SSD " + (size[0] >> 20) + " MiB\n" + df.text();
        });
        String[] boot = new String[1];
        steps.step("Bootloader location", () -> {
            ShellResult mtd = shell.run("cat /proc/mtd");
            boolean nand = mtd.ok() && mtd.output().toLowerCase().contains("\"bl2\"");
            boolean emmc = shell.run("grep -q mmcblk0boot0 /proc/partitions").ok();
            String fromBoard = nand ? "SPI-NAND (/proc/mtd lists bl2)" : emmc ? "eMMC (mmcblk0boot0 present)" : "not visible from Linux";
            boot[0] = bootLogObservation != null ? bootLogObservation + "; " + fromBoard : fromBoard;
            return boot[0] + (mtd.ok() ? "\n" + mtd.text() : "\n/proc/mtd: none");
        });
        boolean[] fw = new boolean[1];
        String[] cmdline = new String[1];
        steps.step("fw_printenv and /proc/cmdline", () -> {
            fw[0] = FwEnv.available(shell);
            cmdline[0] = shell.check("cat /proc/cmdline").text().strip();
            return (fw[0] ? "fw_printenv/fw_setenv available" : "fw_setenv NOT available: the root is pointed from the U-Boot prompt")
                    + "\n/proc/cmdline: " + cmdline[0];
        });
        return new PreflightReport(device, size[0], parts, filesystems, mounted, used[0], boot[0], fw[0], cmdline[0], lsblk[0]);
    }

    /**
     * Writes the partition table and the filesystems. Refuses a mounted SSD, one too small for the
     * layout, and one holding data unless {@code confirmDevice} is exactly the device name.
     */
    public List<String> partition(PreflightReport pf, Layout layout, String confirmDevice) throws IOException, ProcedureException {
        steps.step("Check the layout fits and the SSD may be overwritten", () -> {
            if (!pf.mounted().isEmpty()) {
                throw steps.refuse(device + " is in use (" + String.join("; ", pf.mounted()) + "); unmount it first");
            }
            long need = layout.minimumBytes(cfg, pf.rootUsedBytes());
            if (pf.deviceBytes() < need) {
                throw steps.refuse("The SSD is too small for the " + layout.kind().name().toLowerCase() + " layout: "
                        + (pf.deviceBytes() >> 20) + " MiB, needs at least " + (need >> 20) + " MiB");
            }
            if (pf.hasData() && !device.equals(confirmDevice)) {
                throw steps.refuse(pf.dataSummary() + ". Nothing was changed. To erase it, type the device name ("
                        + device + ") to confirm");
            }
            return (pf.deviceBytes() >> 20) + " MiB ≥ " + (need >> 20) + " MiB needed"
                    + (pf.hasData() ? "; erasing confirmed by typing " + device : "; SSD empty");
        });
        List<String> partitions = new ArrayList<>();
        for (int i = 1; i <= layout.labels().size(); i++) {
            partitions.add(MigrateConfig.partition(device, i));
        }
        steps.step("Write the partition table (sfdisk)", () -> {
            ShellResult r = shell.run("cat | sfdisk --wipe always " + device, layout.sfdiskScript(cfg), 120_000);
            if (!r.ok()) {
                throw steps.no("sfdisk failed (exit " + r.exitStatus() + "): " + tail(r.output()));
            }
            steps.boardState(device + " has a new, empty partition table; the running system is untouched");
            String last = partitions.get(partitions.size() - 1);
            shell.check("i=0; while [ ! -b " + last + " ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; [ -b " + last + " ]");
            return String.join(", ", partitions) + " created\n" + tail(r.output());
        });
        for (int i = 0; i < partitions.size(); i++) {
            String part = partitions.get(i);
            String label = layout.labels().get(i);
            steps.step("Format " + part + " as ext4 (" + label + ")", () -> {
                steps.cancel().check("before formatting " + part);
                ShellResult r = shell.run("mkfs.ext4 -F -q -L " + Sh.quote(label) + " " + part, MKFS_TIMEOUT);
                if (!r.ok()) {
                    throw steps.no("mkfs.ext4 failed (exit " + r.exitStatus() + "): " + tail(r.output()));
                }
                String id = shell.check("blkid " + part).text();
                if (!id.contains("LABEL=\"" + label + "\"") || !id.contains("TYPE=\"ext4\"")) {
                    throw steps.no("after mkfs, blkid shows: " + id);
                }
                steps.boardState(device + " partitioned and formatted up to " + part + "; the running system is untouched");
                return id;
            });
        }
        return partitions;
    }

    /** Result of copying the root: counts, bytes and the sample compared. */
    public record CopyReport(long files, long bytes, int sampled) {
    }

    /** Copies the running root into {@code partition} with tar and verifies the copy. */
    public CopyReport copy(String partition) throws IOException, ProcedureException {
        String mp = cfg.mountPoint();
        steps.step("Mount " + partition + " on " + mp, () -> {
            shell.check("mkdir -p " + mp + " && { grep -q ' " + mp + " ' /proc/mounts || mount -t ext4 " + partition + " " + mp + "; }");
            return shell.check("grep ' " + mp + " ' /proc/mounts").text();
        });
        // BusyBox tar may lack --exclude (FEATURE_TAR_FROM): the guide's excludes are all top-level
        // entries, so name the entries to copy instead, which every tar understands.
        String entries = steps.step("List what to copy", () -> {
            List<String> keep = new ArrayList<>();
            for (String e : shell.check("ls -1A /").output().split("\n")) {
                if (!e.isBlank() && !cfg.tarExcludes().contains("./" + e.strip())) {
                    keep.add(Sh.quote(e.strip()));
                }
            }
            return String.join(" ", keep);
        });
        steps.step("Copy the root filesystem (tar)", () -> {
            ShellResult r = shell.run("(set -o pipefail; cd / && tar -cf - " + entries + " | tar -C " + mp + " -xf -)", COPY_TIMEOUT);
            if (!r.ok()) {
                throw steps.no("tar failed (exit " + r.exitStatus() + "): " + tail(r.output()));
            }
            shell.check("(cd " + mp + " && mkdir -p " + String.join(" ", cfg.emptyMountPoints()) + " && chmod 1777 tmp) && sync");
            steps.boardState(partition + " holds a copy of the root (not yet verified); the running system is untouched");
            return "copied " + entries + "; empty mount points " + String.join(", ", cfg.emptyMountPoints()) + " created";
        });
        long[] counts = new long[2];
        long[] bytes = new long[2];
        steps.step("Verify file count and bytes", () -> {
            for (int side = 0; side < 2; side++) {
                String dir = side == 0 ? "/" : mp;
                counts[side] = number(shell.check("(cd " + dir + " && find " + entries + ") | wc -l", COPY_TIMEOUT));
                bytes[side] = number(shell.check("(cd " + dir + " && tar -cf - " + entries + ") | wc -c", COPY_TIMEOUT));
            }
            String ev = "files: source " + counts[0] + ", copy " + counts[1] + "; tar stream bytes: source " + bytes[0] + ", copy " + bytes[1];
            if (counts[0] != counts[1] || bytes[0] != bytes[1]) {
                throw steps.no("The copy differs from the source: " + ev);
            }
            return ev;
        });
        int[] sampled = new int[1];
        steps.step("Verify SHA-256 of a sample of files", () -> {
            sampled[0] = (int) number(shell.check("(cd / && find " + entries + " -type f) | awk 'NR % 7 == 1' | head -n 24 > /tmp/.r4sample && wc -l < /tmp/.r4sample"));
            String loop = " && while read -r f; do sha256sum \"$f\"; done < /tmp/.r4sample)";
            String src = shell.check("(cd /" + loop).output();
            String dst = shell.check("(cd " + mp + loop).output();
            if (!src.equals(dst) || sampled[0] == 0) {
                throw steps.no("Sample SHA-256 differ:\nsource:\n" + src + "copy:\n" + dst);
            }
            shell.check("rm -f /tmp/.r4sample; sync; umount " + mp);
            steps.boardState(partition + " holds a verified copy of the root; the boot loader still boots the old root");
            return sampled[0] + " files compared, all equal\n" + src;
        });
        return new CopyReport(counts[0], bytes[0], sampled[0]);
    }

    /**
     * Points the kernel's root at {@code partition} in the variable that carries {@code root=}, after
     * saving its old value on the board (in {@code r4rescue_prev_bootargs}) for {@link #rollback}.
     * Returns the old value.
     */
    public String pointRoot(BootloaderEnv env, String partition) throws IOException, ProcedureException {
        String[] old = new String[1];
        steps.step("Point root= at " + partition + " (" + env.describe() + ")", () -> {
            Map<String, String> vars = env.read();
            String var = Bootargs.carrier(vars, cfg.bootargsVariable());
            old[0] = vars.get(var);
            if (old[0] == null) {
                throw steps.no("The environment has no " + var + " to change");
            }
            String newValue = Bootargs.withRoot(old[0], partition);
            if (!Bootargs.root(old[0]).orElse("").equals(partition)) {
                env.set(cfg.savedBootargsVariable(), old[0]);
            }
            env.set(var, newValue);
            env.save();
            Map<String, String> after = env.read();
            if (!newValue.equals(after.get(var))) {
                throw steps.no("Read back " + var + "=" + after.get(var) + ", expected " + newValue);
            }
            steps.boardState(var + " now boots root=" + partition + "; the old value is saved in " + cfg.savedBootargsVariable());
            return "before: " + var + "=" + old[0] + "\nafter:  " + var + "=" + newValue;
        });
        return old[0];
    }

    /** Puts back the value saved by {@link #pointRoot}. */
    public String rollback(BootloaderEnv env) throws IOException, ProcedureException {
        return steps.step("Roll back root= (" + env.describe() + ")", () -> {
            Map<String, String> vars = env.read();
            String saved = vars.get(cfg.savedBootargsVariable());
            if (saved == null) {
                throw steps.no("Nothing saved to roll back to (" + cfg.savedBootargsVariable() + " is not set)");
            }
            String var = Bootargs.carrier(vars, cfg.bootargsVariable());
            env.set(var, saved);
            env.save();
            if (!saved.equals(env.read().get(var))) {
                throw steps.no("Read back of " + var + " after rollback does not match");
            }
            steps.boardState(var + " restored to " + saved);
            return var + "=" + saved;
        });
    }

    /** Result of a reboot: the boot log seen and the root in use afterwards. */
    public record RebootReport(String bootLog, String cmdline, String rootMount, String df) {
    }

    /** Reboots and proves the root is {@code partition}: /proc/cmdline, mount and df -h /. */
    public RebootReport rebootAndProve(String partition, long timeoutMs) throws IOException, ProcedureException {
        StringBuilder log = new StringBuilder();
        steps.step("Reboot", () -> {
            try {
                shell.run("reboot", 10_000);
            } catch (ShellException e) {
                // The marker may be lost as the system goes down.
            }
            try {
                shell.awaitReboot(timeoutMs, log);
            } catch (ShellException e) {
                throw steps.no("The board did not come back to a shell: " + diagnose(log.toString())
                        + ". Roll back from the U-Boot prompt: setenv bootargs \"${" + cfg.savedBootargsVariable() + "}\"; saveenv; boot");
            }
            String name = partition.substring(partition.lastIndexOf('/') + 1);
            String seen = log.toString().lines().filter(l -> l.contains(name)).reduce((a, b) -> a + "\n" + b).orElse("");
            return "shell prompt back: " + shell.prompt() + diagnoseOk(log.toString())
                    + (seen.isEmpty() ? "" : "\nboot log about " + name + ":\n" + seen);
        });
        String[] proof = new String[3];
        steps.step("Prove the root is " + partition, () -> {
            proof[0] = shell.check("cat /proc/cmdline").text().strip();
            proof[1] = shell.check("mount").text();
            proof[2] = shell.run("df -h /").text();
            boolean onRoot = false;
            for (String line : proof[1].split("\n")) {
                if (line.startsWith(partition + " on / ")) {
                    onRoot = true;
                }
            }
            String ev = "/proc/cmdline: " + proof[0] + "\n" + proof[2];
            if (!onRoot || !Bootargs.root(proof[0]).orElse("").equals(partition)) {
                throw steps.no("The root is not " + partition + " after the reboot (rollback offered):\n" + ev);
            }
            steps.boardState("running with root on " + partition);
            return ev + "\n" + partition + " mounted on /";
        });
        return new RebootReport(log.toString(), proof[0], proof[1], proof[2]);
    }

    static String diagnose(String bootLog) {
        for (String s : List.of("Kernel panic", "Waiting for root device", "VFS: Cannot open root device", "VFS: Unable to mount root fs")) {
            int i = bootLog.lastIndexOf(s);
            if (i >= 0) {
                int end = bootLog.indexOf('\n', i);
                return "the kernel printed \"" + bootLog.substring(i, end < 0 ? bootLog.length() : end).strip() + "\"";
            }
        }
        return bootLog.isBlank() ? "nothing arrived on the console" : "no shell prompt appeared";
    }

    private static String diagnoseOk(String bootLog) {
        return bootLog.contains("VFS: Cannot open root device") ? " (but the kernel could not open the new root)" : "";
    }

    private static long number(ShellResult r) throws ShellException {
        try {
            return Long.parseLong(r.text().strip());
        } catch (NumberFormatException e) {
            throw new ShellException("Expected a number from `" + r.command() + "`, got: " + r.text(), r);
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 600 ? "…" + t.substring(t.length() - 600) : t;
    }
}
