package r4rescue.procedure.migrate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.console.bootlog.BootEvent;
import r4rescue.console.bootlog.BootLogObserver;
import r4rescue.console.bootlog.Stage;
import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.bootenv.UBootEnvAccess;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellException;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.protocol.uboot.BootArgsRepair;
import r4rescue.protocol.uboot.UBootEnv;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Moving the root filesystem to the NVMe SSD (boot guide "Configuring NAND Boot → NVMe Root"):
 * preflight, partition + format, copy + verify, point the root at it, reboot and prove. Each part is
 * a checked step; nothing is destroyed without the checks before it passing.
 */
public final class NvmeMigration {

    private static final long COPY_TIMEOUT = 60 * 60_000L;
    /** opkg/apk fetch their lists and packages over the board's network. */
    private static final long INSTALL_TIMEOUT = 10 * 60_000L;
    private static final long MKFS_TIMEOUT = 10 * 60_000L;
    /** How long the kernel may wait for its root before the boot counts as failed (an NVMe shows within seconds). */
    static final long ROOT_GRACE_MS = 15_000;
    private long rootGraceMs = ROOT_GRACE_MS;

    private final ShellProcedure steps;
    private final ShellDriver shell;
    private final MigrateConfig cfg;
    private final String device;

    public NvmeMigration(ShellProcedure steps, MigrateConfig cfg, String device) {
        this.steps = steps;
        this.shell = steps.shell();
        this.cfg = cfg;
        this.device = device;
    }

    /** How long a kernel waiting for its root is given before the boot counts as failed. */
    public void setRootGraceMs(long ms) {
        rootGraceMs = ms;
    }

    public String device() {
        return device;
    }

    /** Programs the preflight looks for; nothing later runs one it did not find. */
    static final List<String> TOOLS = List.of("sfdisk", "fdisk", "blkid", "lsblk", "mkfs.ext4", "hexdump", "od", "block", "uci", "opkg", "apk",
            "rmmod", "insmod", "blockdev", "partx");

    /**
     * Looks before touching anything. {@code bootLogObservation} is what the boot log showed about
     * the boot medium (e.g. "BL2 from SPI-NAND"), or null.
     */
    public PreflightReport preflight(String bootLogObservation) throws Stopped {
        return preflight(bootLogObservation, false);
    }

    /** The SSD as the kernel lists it, and how its driver is there ("builtin", "module" or "none"). */
    private record Ssd(boolean present, long bytes, List<String> partitions, String driver, String driverEvidence) {
    }

    /** Whether fw_setenv is there, and the kernel's command line. */
    private record EnvAccess(boolean fw, String cmdline) {
    }

    /** Where the boot loader lives, and why this system runs from the SD card (or null). */
    private record Boot(String bootloader, String sdBoot) {
    }

    /**
     * The same; {@code forceSd} lets a system running from the SD card be migrated all the same. The
     * report's {@link MigrationRoute} says which way can work and why; when none can, the later
     * steps are not run and nothing has been written.
     */
    public PreflightReport preflight(String bootLogObservation, boolean forceSd) throws Stopped {
        String name = device.substring(device.lastIndexOf('/') + 1);
        List<String> found = steps.step(Message.of("proc.nvme.toolsOnTheBoard"), () -> {
            List<String> tools = new ArrayList<>();
            for (String line : shell.run("which " + String.join(" ", TOOLS)).output().split("\n")) {
                String tool = line.strip().substring(line.strip().lastIndexOf('/') + 1);
                if (TOOLS.contains(tool)) {
                    tools.add(tool);
                }
            }
            List<String> missing = TOOLS.stream().filter(t -> !tools.contains(t)).toList();
            steps.info("found: " + String.join(", ", tools) + (missing.isEmpty() ? "" : "\nnot on this board: " + String.join(", ", missing)));
            return tools;
        });
        String pm = found.contains("apk") ? "apk" : "opkg";
        Ssd ssd = steps.step(Texts.t("proc.nvme.nvmeDriverAndSSD"), () -> {
            List<String> parts = new ArrayList<>();
            boolean present = false;
            for (String line : shell.check("cat /proc/partitions").output().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4 && f[3].equals(name)) {
                    present = true;
                } else if (f.length == 4 && f[3].matches(Pattern.quote(name) + "p?\\d+")) {
                    parts.add(f[3] + " " + (Long.parseLong(f[2]) >> 10) + " MiB");
                }
            }
            boolean loaded = shell.run("grep -q '^nvme ' /proc/modules").ok();
            String ko = loaded ? "" : shell.run("find /lib/modules -name 'nvme.ko*' 2>/dev/null | head -n 1").text().strip();
            String driver = loaded || !ko.isEmpty() ? "module" : present ? "builtin" : "none";
            String why = loaded ? Texts.t("proc.nvme.nvmeIsListedIn") : !ko.isEmpty() ? Texts.t("proc.nvme.exists", ko)
                    : present ? Texts.t("proc.nvme.noNvmeModuleLoaded", device) : Texts.t("proc.nvme.noNvmeModule");
            if (!present) {
                steps.info(Texts.t("proc.nvme.isNotInProc", device, why));
                return new Ssd(false, 0, parts, driver, why);
            }
            long bytes = Long.parseLong(shell.check("cat /sys/block/" + name + "/size").text().strip()) * 512;
            steps.info(device + ": " + (bytes >> 20) + " MiB" + (parts.isEmpty() ? Texts.t("proc.nvme.noPartitions") : ", partitions: " + String.join(", ", parts))
                    + "\ndriver: " + driver + " (" + why + ")");
            return new Ssd(true, bytes, parts, driver, why);
        });
        boolean module = ssd.driver().equals("module");
        if (!ssd.present()) {
            String pcie = steps.step(Texts.t("proc.nvme.pcieLink"), () -> {
                // without its time stamp: the shell driver drops kernel-log lines from command output
                String down = shell.run("dmesg | grep -i -E 'pcie.*link (is )?down|link down' | tail -n 1 | cut -d ']' -f 2-").text().strip();
                steps.info(down.isEmpty() ? Texts.t("proc.nvme.theKernelLogSays") : down);
                return down.isEmpty() ? null : down;
            });
            MigrationRoute route = MigrationRoute.decide(new MigrationRoute.Facts(false, module, ssd.driverEvidence(), pcie,
                    null, forceSd, pm, found.contains("mkfs.ext4"), canPartition(found, ssd.driver()), null));
            steps.check("Route", () -> route.why() + "\n" + String.join("\n", route.reasons()) + "\n" + String.join("\n", route.commands()));
            return new PreflightReport(device, 0, ssd.partitions(), List.of(), List.of(), 0, "", false, "", "", found, ssd.driver(), route);
        }
        List<String> filesystems = new ArrayList<>();
        List<String> mounted = new ArrayList<>();
        String lsblk = steps.step(Message.of("proc.nvme.existingPartitionsAndFilesystems"), () -> {
            String listing = found.contains("lsblk") ? shell.run("lsblk " + device).text() : "(lsblk not on this board)";
            List<String> devices = new ArrayList<>(List.of(device));
            ssd.partitions().forEach(p -> devices.add("/dev/" + p.substring(0, p.indexOf(' '))));
            if (found.contains("blkid")) {
                for (String line : shell.run("blkid " + device + "*").output().split("\n")) {
                    if (line.startsWith(device) && line.matches(".*\\b(PT)?TYPE=\".*")) {
                        filesystems.add(line.strip());
                    }
                }
            } else {
                for (String dev : devices) {
                    for (String sig : signatures(found, dev)) {
                        filesystems.add(dev + ": " + sig);
                    }
                }
            }
            mounted.addAll(DeviceProof.mountedFrom(shell, devices));
            steps.info((filesystems.isEmpty() ? Texts.t("proc.nvme.noPartitionTableNo") : String.join("; ", filesystems))
                    + (mounted.isEmpty() ? Texts.t("proc.nvme.notMounted") : "; MOUNTED: " + String.join("; ", mounted)) + "\n" + listing);
            return listing;
        });
        long used = steps.step(Message.of("proc.nvme.spaceTheCurrentRoot"), () -> {
            ShellResult du = shell.check("du -sxk /", 10 * 60_000L);
            Matcher m = Pattern.compile("^(\\d+)").matcher(du.text().strip());
            if (!m.find()) {
                throw steps.no("du gave no size: " + du.text());
            }
            long bytes = Long.parseLong(m.group(1)) * 1024;
            ShellResult df = shell.run("df -h /");
            steps.info(Texts.t("proc.nvme.mibUsedByDu", (bytes >> 20), (ssd.bytes() >> 20), df.text()));
            return bytes;
        });
        Boot boot = steps.step(Message.of("proc.nvme.bootloaderLocation"), () -> {
            ShellResult mtd = shell.run("cat /proc/mtd");
            boolean nand = mtd.ok() && mtd.output().toLowerCase().contains("\"bl2\"");
            boolean emmc = shell.run("grep -q mmcblk0boot0 /proc/partitions").ok();
            String fromBoard = nand ? Texts.t("proc.nvme.spiNANDProcMtd") : emmc ? Texts.t("proc.nvme.emmcMmcblk0boot0Present") : Texts.t("proc.nvme.notVisibleFromLinux");
            Boot b = new Boot(bootLogObservation != null ? bootLogObservation + "; " + fromBoard : fromBoard, sdBoot(bootLogObservation));
            steps.info(b.bootloader() + (b.sdBoot() == null ? "" : Texts.t("proc.nvme.runningFromTheSD", b.sdBoot()))
                    + (mtd.ok() ? Texts.t("proc.nvme.text8", mtd.text()) : Texts.t("proc.nvme.procMtdNone")));
            return b;
        });
        EnvAccess env = steps.step("fw_printenv and /proc/cmdline", () -> {
            EnvAccess e = new EnvAccess(FwEnv.available(shell), shell.check("cat /proc/cmdline").text().strip());
            steps.info((e.fw() ? "fw_printenv/fw_setenv available" : "fw_setenv NOT available: the root is pointed from the U-Boot prompt")
                    + "\n/proc/cmdline: " + e.cmdline());
            return e;
        });
        MigrationRoute.Extroot extroot = module ? extrootNeeds(found) : null;
        MigrationRoute route = MigrationRoute.decide(new MigrationRoute.Facts(true, module, ssd.driverEvidence(), null, boot.sdBoot(), forceSd,
                pm, found.contains("mkfs.ext4"), canPartition(found, ssd.driver()), extroot));
        steps.check("Route", () -> route.why() + "\n" + String.join("\n", route.reasons())
                + (found.contains("sfdisk") || found.contains("fdisk") || !canPartition(found, ssd.driver()) ? ""
                        : Texts.t("proc.nvme.noSfdiskOrFdisk", HostGpt.rereadCommand(ssd.driver(), found, device)))
                + (route.commands().isEmpty() ? "" : "\nfirst run: " + String.join("; ", route.commands())));
        return new PreflightReport(device, ssd.bytes(), ssd.partitions(), filesystems, mounted, used, boot.bootloader(), env.fw(), env.cmdline(), lsblk,
                found, ssd.driver(), route);
    }

    /**
     * Runs the preflight's {@link MigrationRoute#install()} line on the board (the packages extroot
     * lacks, the package server reachable), checked; the caller runs the preflight again, which
     * proves them present before anything is written.
     */
    public void installPackages(MigrationRoute route) throws Stopped {
        String command = route.install();
        if (command == null) {
            throw steps.refuse(Message.of("proc.nvme.thereIsNothingThe", route.why()));
        }
        steps.check(Message.of("proc.nvme.installPackages"), () -> {
            ShellResult r = shell.run(command, INSTALL_TIMEOUT);
            if (!r.ok()) {
                throw steps.no("'" + command + "' failed (exit " + r.exitStatus() + "): " + tail(r.output()));
            }
            return "installed: " + command;
        });
    }

    /** What the extroot route lacks here (migrate.json "extroot", from OpenWrt's documentation), looked at without changing anything. */
    private MigrationRoute.Extroot extrootNeeds(List<String> found) throws Stopped {
        String part = MigrateConfig.partition(device, 1);
        List<String> documented = cfg.extroot().steps().stream().map(s -> s.replace("{partition}", part).replace("{device}", device)).toList();
        return steps.step(Message.of("proc.nvme.whatExtrootNeeds"), () -> {
            List<String> missing = new ArrayList<>();
            if (!found.contains("block")) {
                missing.add("block-mount");
            }
            if (!shell.run("grep -q -w ext4 /proc/filesystems").ok()) {
                missing.add("kmod-fs-ext4");
            }
            if (!canPartition(found, "module")) {
                missing.add("fdisk");
            }
            boolean net = shell.run("ping -c 1 -W 3 downloads.openwrt.org", 15_000).ok();
            steps.info((missing.isEmpty() ? "block-mount and ext4 present" : "missing: " + String.join(", ", missing))
                    + "; network: " + (net ? Texts.t("proc.nvme.downloadsOpenwrtOrgAnswers") : Texts.t("proc.nvme.noAnswerFromDownloads")));
            return new MigrationRoute.Extroot(missing, net, documented);
        });
    }

    /** sfdisk, fdisk, or a GPT from this computer that the kernel can be made to re-read without a reboot. */
    private boolean canPartition(List<String> found, String driver) {
        return found.contains("sfdisk") || found.contains("fdisk") || HostGpt.rereadCommand(driver, found, device) != null;
    }

    /** The signatures in the first MiB of a disk (4 KiB of a partition), read with dd and hexdump or od. */
    private List<String> signatures(List<String> tools, String dev) throws IOException {
        boolean whole = dev.equals(device);
        String dump = tools.contains("hexdump") ? "hexdump -C" : "od -Ax -tx1";
        ShellResult r = shell.check("dd if=" + dev + " bs=4096 count=" + (whole ? 256 : 1) + " 2>/dev/null | " + dump + " | head -n 200");
        return DiskSignatures.found(DiskSignatures.parseDump(r.output(), whole ? 1 << 20 : 4096));
    }

    /**
     * Why this system runs from the SD card, or null: the boot log said BL2 came from SD, or the root
     * (or OpenWrt's FIT root) lives on mmcblk0 and the kernel calls mmcblk0 an SD card.
     */
    private String sdBoot(String bootLogObservation) throws IOException {
        if (bootLogObservation != null && bootLogObservation.matches("(?i).*\\bSD\\b.*")) {
            return Texts.t("proc.nvme.theBootLogSays", bootLogObservation);
        }
        String root = KernelCmdline.root(shell.check("cat /proc/cmdline").text()).orElse("");
        Matcher fit = Pattern.compile("(\\w+): mapped .* as /dev/fit0").matcher(shell.run("dmesg | grep 'as /dev/fit0' | tail -n 1 | cut -d ']' -f 2-").text());
        String on = root.startsWith("/dev/mmcblk0") ? root : fit.find() && fit.group(1).startsWith("mmcblk0") ? "/dev/" + fit.group(1) : null;
        if (on == null || !shell.run("cat /sys/block/mmcblk0/device/type").text().strip().equals("SD")) {
            return null;
        }
        return Texts.t("proc.nvme.theRootComesFrom", on);
    }

    /**
     * Writes the partition table and the filesystems. Refuses a mounted SSD, one too small for the
     * layout, and one holding data unless {@code confirmDevice} is exactly the device name.
     */
    public List<String> partition(PreflightReport pf, SsdLayout layout, String confirmDevice) throws Stopped {
        steps.check(Message.of("proc.nvme.checkTheLayoutFits"), () -> {
            if (!pf.route().canMigrate() && !pf.route().canRunExtroot()) {
                throw steps.refuse(pf.route().commands().isEmpty()
                        ? Message.of("proc.nvme.cannotMigrate", pf.route().why(), String.join(" ", pf.route().reasons()))
                        : Message.of("proc.nvme.cannotMigrateFirstRun", pf.route().why(), String.join(" ", pf.route().reasons()),
                                String.join("; ", pf.route().commands())));
            }
            if (!pf.mounted().isEmpty()) {
                throw steps.refuse(device + " is in use (" + String.join("; ", pf.mounted()) + "); unmount it first");
            }
            long need = layout.minimumBytes(cfg, pf.rootUsedBytes());
            if (pf.deviceBytes() < need) {
                throw steps.refuse(Message.of("proc.nvme.theSSDIsToo", layout.kind().name().toLowerCase(), (pf.deviceBytes() >> 20), (need >> 20)));
            }
            if (pf.hasData() && !device.equals(confirmDevice)) {
                throw steps.refuse(Message.of("proc.nvme.nothingWasChangedTo", pf.dataSummary(), device));
            }
            return (pf.deviceBytes() >> 20) + " MiB ≥ " + (need >> 20) + " MiB needed"
                    + (pf.hasData() ? Texts.t("proc.nvme.erasingConfirmedByTyping", device) : Texts.t("proc.nvme.ssdEmpty"));
        });
        List<String> partitions = new ArrayList<>();
        for (int i = 1; i <= layout.labels().size(); i++) {
            partitions.add(MigrateConfig.partition(device, i));
        }
        boolean sfdisk = pf.tools().contains("sfdisk");
        boolean fdisk = !sfdisk && pf.tools().contains("fdisk");
        steps.check(Message.of("proc.nvme.writeTable", sfdisk ? "sfdisk, GPT" : fdisk ? "fdisk, MBR" : Texts.t("proc.nvme.gptFromHost")), () -> {
            String done;
            if (sfdisk || fdisk) {
                steps.state(BoardState.partlyChanged(Message.of("proc.nvme.isBeingPartitionedIts", device)));
                ShellResult r = sfdisk ? shell.run("cat | sfdisk --wipe always " + device, layout.sfdiskScript(cfg), 120_000)
                        : shell.run("cat | fdisk " + device, layout.fdiskScript(), 120_000);
                if (!r.ok()) {
                    throw steps.no((sfdisk ? "sfdisk" : "fdisk") + " failed (exit " + r.exitStatus() + "): " + tail(r.output()));
                }
                done = tail(r.output());
            } else {
                done = HostGpt.overConsole(steps, device).write(GptImage.of(layout, cfg, pf.deviceBytes()),
                        HostGpt.rereadCommand(pf.nvmeDriver(), pf.tools(), device));
            }
            String last = partitions.get(partitions.size() - 1);
            shell.check("i=0; while [ ! -b " + last + " ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; [ -b " + last + " ]");
            String table = shell.check("cat /proc/partitions").text();
            for (String part : partitions) {
                if (!table.matches("(?s).*\\s" + Pattern.quote(part.substring(5)) + "\\b.*")) {
                    throw steps.no(Message.of("proc.nvme.isNotInProc2", part, table));
                }
            }
            steps.state(BoardState.verified(Message.of("proc.nvme.hasANewEmpty", device)));
            return String.join(", ", partitions) + " created (in /proc/partitions)\n" + done;
        });
        for (int i = 0; i < partitions.size(); i++) {
            String part = partitions.get(i);
            String label = layout.labels().get(i);
            steps.check(Texts.t("proc.nvme.format", part, label), () -> {
                steps.state(BoardState.partlyChanged(Message.of("proc.nvme.isBeingFormattedThe", part)));
                ShellResult r = shell.run("mkfs.ext4 -F -q -L " + Sh.quote(label) + " " + part, MKFS_TIMEOUT);
                if (!r.ok()) {
                    throw steps.no("mkfs.ext4 failed (exit " + r.exitStatus() + "): " + tail(r.output()));
                }
                String id;
                if (pf.tools().contains("blkid")) {
                    id = shell.check("blkid " + part).text();
                    if (!id.contains("LABEL=\"" + label + "\"") || !id.contains("TYPE=\"ext4\"")) {
                        throw steps.no(Message.of("proc.nvme.afterMkfsBlkidShows", id));
                    }
                } else {
                    String dump = pf.tools().contains("hexdump") ? "hexdump -C" : "od -Ax -tx1";
                    String got = DiskSignatures.ext4Label(DiskSignatures.parseDump(
                            shell.check("dd if=" + part + " bs=4096 count=1 2>/dev/null | " + dump).output(), 4096));
                    if (!label.equals(got)) {
                        throw steps.no("after mkfs, " + part + " holds " + (got == null ? Texts.t("proc.nvme.noExt4Superblock") : Texts.t("proc.nvme.anExt4Labelled", got)));
                    }
                    id = Texts.t("proc.nvme.ext4SuperblockLabelled", part, got);
                }
                steps.state(BoardState.verified(Message.of("proc.nvme.partitionedAndFormattedUp", device, part)));
                return id;
            });
        }
        return partitions;
    }

    /** Result of copying the root: counts, bytes and the sample compared. */
    public record CopyReport(long files, long bytes, int sampled) {
    }

    /** Copies the running root into {@code partition} with tar and verifies the copy. */
    public CopyReport copy(String partition) throws Stopped {
        String mp = cfg.mountPoint();
        steps.check("Mount " + partition + " on " + mp, () -> {
            shell.check("mkdir -p " + mp + " && { grep -q ' " + mp + " ' /proc/mounts || mount -t ext4 " + partition + " " + mp + "; }");
            return shell.check("grep ' " + mp + " ' /proc/mounts").text();
        });
        // BusyBox tar may lack --exclude (FEATURE_TAR_FROM): the guide's excludes are all top-level
        // entries, so name the entries to copy instead, which every tar understands.
        String entries = steps.step(Message.of("proc.nvme.listWhatToCopy"), () -> {
            List<String> keep = new ArrayList<>();
            for (String e : shell.check("ls -1A /").output().split("\n")) {
                if (!e.isBlank() && !cfg.tarExcludes().contains("./" + e.strip())) {
                    keep.add(Sh.quote(e.strip()));
                }
            }
            steps.info(String.join(" ", keep));
            return String.join(" ", keep);
        });
        steps.check(Message.of("proc.nvme.copyTheRootFilesystem"), () -> {
            steps.state(BoardState.partlyChanged(Message.of("proc.nvme.receivesACopyOf", partition)));
            ShellResult r = shell.run("(set -o pipefail; cd / && tar -cf - " + entries + " | tar -C " + mp + " -xf -)", COPY_TIMEOUT);
            if (!r.ok()) {
                throw steps.no("tar failed (exit " + r.exitStatus() + "): " + tail(r.output()));
            }
            shell.check("(cd " + mp + " && mkdir -p " + String.join(" ", cfg.emptyMountPoints()) + " && chmod 1777 tmp) && sync");
            return "copied " + entries + "; empty mount points " + String.join(", ", cfg.emptyMountPoints()) + " created";
        });
        CopyReport counted = steps.step(Message.of("proc.nvme.verifyFileCountAnd"), () -> {
            long[] counts = new long[2];
            long[] bytes = new long[2];
            for (int side = 0; side < 2; side++) {
                String dir = side == 0 ? "/" : mp;
                // A find or tar that fails part way must not pass as a smaller count (pipefail).
                counts[side] = number(shell.check(Sh.all("cd " + dir, "find " + entries + " | wc -l"), COPY_TIMEOUT));
                bytes[side] = number(shell.check(Sh.all("cd " + dir, "tar -cf - " + entries + " | wc -c"), COPY_TIMEOUT));
            }
            String ev = Texts.t("proc.nvme.filesSource", counts[0], counts[1], bytes[0], bytes[1]);
            if (counts[0] != counts[1] || bytes[0] != bytes[1]) {
                throw steps.no(Message.of("proc.nvme.theCopyDiffersFrom", ev));
            }
            steps.info(ev);
            return new CopyReport(counts[0], bytes[0], 0);
        });
        int sampled = steps.step(Message.of("proc.nvme.verifySHA256Of"), () -> {
            int n = (int) number(shell.check("(cd / && find " + entries + " -type f) | awk 'NR % 7 == 1' | head -n 24 > /tmp/.r4sample && wc -l < /tmp/.r4sample"));
            String loop = " && while read -r f; do sha256sum \"$f\"; done < /tmp/.r4sample)";
            String src = shell.check("(cd /" + loop).output();
            String dst = shell.check("(cd " + mp + loop).output();
            if (!src.equals(dst) || n == 0) {
                throw steps.no(Message.of("proc.nvme.sampleSHA256Differ", src, dst));
            }
            shell.check(Sh.all("rm -f /tmp/.r4sample", "sync", "umount " + mp));
            steps.state(BoardState.verified(Message.of("proc.nvme.holdsAVerifiedCopy", partition)));
            steps.info(Texts.t("proc.nvme.filesComparedAllEqual", n, src));
            return n;
        });
        return new CopyReport(counted.files(), counted.bytes(), sampled);
    }

    /**
     * Points the kernel's root at {@code partition} where the command line really comes from: the
     * variable carrying {@code root=} (bootargs on OpenWrt), or, where U-Boot composes the line from
     * other variables or a boot script, those (BootArgsRepair). Every changed variable's old value
     * is saved on the board first ({@code r4rescue_prev_NAME}) for {@link #rollback}. Returns what changed.
     */
    public String pointRoot(BootloaderEnv env, String partition) throws Stopped {
        return steps.check(Message.of("proc.nvme.pointRootAt", partition, env.describe()), () -> {
            Map<String, String> vars = env.read();
            Map<String, String> changes = rootChanges(vars, partition);
            if (changes.isEmpty()) {
                return "root= already " + partition;
            }
            String saved = String.join(", ", changes.keySet().stream().map(this::savedName).toList());
            steps.state(BoardState.partlyChanged(Message.of(changes.size() == 1 ? "proc.nvme.changingOne" : "proc.nvme.changingMany",
                    String.join(", ", changes.keySet()), partition, saved)));
            try {
                for (Map.Entry<String, String> c : changes.entrySet()) {
                    String old = vars.getOrDefault(c.getKey(), "");
                    if (!KernelCmdline.root(old).orElse("").equals(partition) && !old.contains(partition)) {
                        env.set(savedName(c.getKey()), old.isEmpty() ? null : old);
                    }
                }
                for (Map.Entry<String, String> c : changes.entrySet()) {
                    env.set(c.getKey(), c.getValue());
                }
                env.save();
            } catch (ShellException e) {
                steps.state(afterFailedWrite(env, vars, changes.keySet()));
                throw steps.no(e.getMessage());
            }
            Map<String, String> after = env.read();
            StringBuilder ev = new StringBuilder();
            for (Map.Entry<String, String> c : changes.entrySet()) {
                if (!c.getValue().equals(after.get(c.getKey()))) {
                    throw steps.no(Message.of("proc.nvme.readBack", c.getKey(), after.get(c.getKey()), c.getValue()));
                }
                ev.append("before: ").append(c.getKey()).append('=').append(vars.getOrDefault(c.getKey(), "")).append('\n')
                        .append("after:  ").append(c.getKey()).append('=').append(c.getValue()).append('\n');
            }
            steps.state(BoardState.verified(Message.of(changes.size() == 1 ? "proc.nvme.nowBootsOne" : "proc.nvme.nowBootMany",
                    String.join(", ", changes.keySet()), partition, saved)));
            return ev.toString().strip();
        });
    }

    /**
     * The board's state after a write to the environment failed part way, from the environment read
     * back rather than assumed: a failed write may have left a variable changed, or the copy unreadable.
     */
    private BoardState afterFailedWrite(BootloaderEnv env, Map<String, String> before, java.util.Set<String> names) {
        Map<String, String> now;
        try {
            now = env.read();
        } catch (IOException e) {
            return BoardState.unknown(Message.of("proc.nvme.envUnreadable", e.getMessage(), String.join(", ", names)));
        }
        List<String> changed = names.stream().filter(n -> !java.util.Objects.equals(before.get(n), now.get(n)))
                .map(n -> n + "=" + now.get(n)).toList();
        return changed.isEmpty()
                ? BoardState.verified(Message.of("proc.nvme.envUnchanged", String.join(", ", names)))
                : BoardState.partlyChanged(Message.of(names.size() == 1 ? "proc.nvme.changedBeforeOne" : "proc.nvme.changedBeforeMany",
                        String.join("; ", changed), String.join(", ", names.stream().map(this::savedName).toList())));
    }

    /** Where the root is, asked after a break (a resume): never assumed from a journal. */
    public enum RootNow {
        /** Linux runs with its root on the partition (by device number) and the boot loader boots it. */
        RUNNING_FROM_IT,
        /** The boot loader boots the partition (read back), the running root is still the old one. */
        BOOTS_IT,
        /** The boot loader still boots the old root: whatever the SSD holds is not trusted. */
        NOT_YET
    }

    /** Reads the boot loader's environment and proves the running root, for a resume. */
    public RootNow whereRootIs(BootloaderEnv env, String partition) throws Stopped {
        return steps.step(Texts.t("journal.migrate.ask", partition), () -> {
            boolean boots = rootChanges(env.read(), partition).isEmpty();
            boolean running;
            try {
                running = DeviceProof.proveRoot(shell, partition).proven();
            } catch (IOException e) {
                running = false; // the partition is not there (yet): nothing runs from it
            }
            RootNow now = !boots ? RootNow.NOT_YET : running ? RootNow.RUNNING_FROM_IT : RootNow.BOOTS_IT;
            steps.info(Texts.t("journal.migrate.found." + now.name().toLowerCase(java.util.Locale.ROOT), partition));
            return now;
        });
    }

    /**
     * After a break in the copy: the SSD is still mounted on the migration's own mount point. Only that
     * mount is undone; the SSD mounted anywhere else stays a refusal of the partition step.
     */
    public void releaseOwnMount() throws Stopped {
        String mp = cfg.mountPoint();
        steps.check(Texts.t("journal.migrate.unmount", mp), () -> {
            shell.check("! grep -q ' " + mp + " ' /proc/mounts || umount " + mp); // i18n-exempt: command
            return Texts.t("journal.migrate.unmounted", mp);
        });
    }

    /** The variables to change so the kernel boots {@code partition}, with their new values. */
    Map<String, String> rootChanges(Map<String, String> vars, String partition) {
        Map<String, String> changes = new LinkedHashMap<>();
        String var = KernelCmdline.carrier(vars, cfg.bootargsVariable());
        String value = vars.get(var);
        if (value != null && KernelCmdline.root(value).isPresent()) {
            String next = KernelCmdline.withRoot(value, partition);
            if (!next.equals(value)) {
                changes.put(var, next);
            }
            return changes;
        }
        String text = vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
        for (BootArgsRepair.Change c : BootArgsRepair.plan(UBootEnv.parse(text), new BootArgsRepair.Wanted(partition, "ext4", null, true))) {
            changes.put(c.variable(), c.newValue());
        }
        return changes;
    }

    /** {@code bootargs} → {@code r4rescue_prev_bootargs} (migrate.json), other variables alike. */
    private String savedName(String var) {
        String saved = cfg.savedBootargsVariable();
        return saved.substring(0, saved.length() - cfg.bootargsVariable().length()) + var;
    }

    /** Puts back every value saved by {@link #pointRoot}. */
    public String rollback(BootloaderEnv env) throws Stopped {
        return steps.check(Message.of("proc.nvme.rollBackRoot", env.describe()), () -> {
            Map<String, String> vars = env.read();
            String prefix = savedName("");
            Map<String, String> restore = new LinkedHashMap<>();
            vars.forEach((k, v) -> {
                if (k.startsWith(prefix) && k.length() > prefix.length()) {
                    restore.put(k.substring(prefix.length()), v);
                }
            });
            if (restore.isEmpty()) {
                throw steps.no(Message.of("proc.nvme.nothingSavedToRoll", cfg.savedBootargsVariable()));
            }
            steps.state(BoardState.partlyChanged(Message.of("proc.nvme.puttingBack", String.join(", ", restore.keySet()), prefix)));
            for (Map.Entry<String, String> r : restore.entrySet()) {
                env.set(r.getKey(), r.getValue());
            }
            env.save();
            Map<String, String> after = env.read();
            for (Map.Entry<String, String> r : restore.entrySet()) {
                if (!r.getValue().equals(after.get(r.getKey()))) {
                    throw steps.no(Message.of("proc.nvme.readBackOf", r.getKey()));
                }
            }
            String ev = restore.entrySet().stream().map(r -> r.getKey() + "=" + r.getValue()).collect(Collectors.joining("\n"));
            steps.state(BoardState.verified(Message.of("proc.nvme.restored", ev.replace("\n", "; "))));
            return ev;
        });
    }

    /**
     * A root that did not come up (the kernel waits or panicked): stops the board's next start in
     * U-Boot — {@code uboot} made with {@link UBootEnvAccess#afterFailedBoot}, whose POWER_CYCLE_NOW
     * event asks for the power-cycle or reset — puts the saved values back, saves, boots and proves
     * the old root. Returns the proof.
     */
    public RebootReport switchBack(UBootEnvAccess uboot, long timeoutMs) throws Stopped {
        String old = KernelCmdline.root(rollback(uboot)).orElse("");
        return rebootAndProve(old, timeoutMs, uboot);
    }

    /**
     * Result of a reboot: the boot log seen, the root in use afterwards ({@code mount}, {@code df}) and
     * {@code proof}, the device-number comparison that decided it.
     */
    public record RebootReport(String bootLog, String cmdline, String rootMount, String df, String proof) {
    }

    /** The SSD's partitions as the kernel lists them in /sys/class/block. */
    private List<String> ssdPartitions() throws IOException {
        String name = device.substring(device.lastIndexOf('/') + 1);
        List<String> out = new ArrayList<>();
        for (String n : shell.check("ls /sys/class/block").output().split("\\s+")) {
            if (n.matches(Pattern.quote(name) + "p?\\d+")) {
                out.add("/dev/" + n);
            }
        }
        return out;
    }

    /** Reboots and proves the root is {@code partition}: /proc/cmdline, mount and df -h /. */
    public RebootReport rebootAndProve(String partition, long timeoutMs) throws Stopped {
        return rebootAndProve(partition, timeoutMs, new FwEnv(shell));
    }

    /**
     * The same, started the way {@code env} left the board (Linux: reboot; U-Boot prompt: boot).
     * A kernel that panics, or still waits for its root {@value #ROOT_GRACE_MS} ms after asking,
     * fails the step at once with {@link Stopped.Kind#BOARD_SAID_NO} and the kernel's
     * words; {@link #switchBack} then restores the old root.
     */
    public RebootReport rebootAndProve(String partition, long timeoutMs, BootloaderEnv env) throws Stopped {
        StringBuilder log = new StringBuilder();
        steps.check(Message.of("proc.nvme.reboot"), () -> {
            env.restart(shell);
            try {
                shell.awaitReboot(timeoutMs, log, new RootBootWatch(rootGraceMs));
            } catch (ShellException e) {
                steps.state(BoardState.damaged(Message.of("proc.nvme.theBootLoaderBoots", partition, diagnose(log.toString()), cfg.savedBootargsVariable())));
                throw steps.no(Message.of("proc.nvme.theBoardDidNot", diagnose(log.toString()), cfg.savedBootargsVariable()));
            }
            String name = partition.substring(partition.lastIndexOf('/') + 1);
            String seen = log.toString().lines().filter(l -> l.contains(name)).reduce((a, b) -> a + "\n" + b).orElse("");
            return "shell prompt back: " + shell.prompt() + diagnoseOk(log.toString())
                    + (seen.isEmpty() ? "" : "\nboot log about " + name + ":\n" + seen);
        });
        return steps.step(Message.of("proc.nvme.proveTheRootIs", partition), () -> {
            String cmdline = shell.check("cat /proc/cmdline").text().strip();
            String mount = shell.check("mount").text();
            String df = shell.run("df -h /").text();
            String ev = "/proc/cmdline: " + cmdline + "\n" + df;
            String proof;
            if (partition.startsWith("/dev/")) {
                DeviceProof.Proof p = DeviceProof.proveRoot(shell, partition);
                proof = p.evidence();
                if (!p.proven()) {
                    steps.state(BoardState.partlyChanged(Message.of("proc.nvme.linuxRunsButIts", partition, cfg.savedBootargsVariable())));
                    throw steps.no(Message.of("proc.nvme.theRootIsNot", partition, proof, ev));
                }
            } else {
                // root=PARTUUID=… / UUID=… of a root off the SSD: no device to compare with; the kernel took
                // that line and / is on none of the SSD's partitions.
                List<String> onSsd = DeviceProof.mountedFrom(shell, ssdPartitions()).stream().filter(m -> m.contains(" on / ")
                        || m.contains(" on /rom ")).toList();
                proof = onSsd.isEmpty() ? Texts.t("proc.nvme.theRootIsOn", device)
                        : "the root is still on the SSD: " + String.join("; ", onSsd);
                if (!onSsd.isEmpty() || !KernelCmdline.root(cmdline).orElse("").equals(partition)) {
                    throw steps.no(Message.of("proc.nvme.theRootIsNot2", partition, proof, ev));
                }
            }
            steps.state(BoardState.verified(Message.of("proc.nvme.runningWithRootOn", partition)));
            steps.info(proof + "\n" + ev);
            return new RebootReport(log.toString(), cmdline, mount, df, proof);
        });
    }

    /** The line of the boot log that says why the kernel did not reach a shell (bootlog/signatures.json, stages.json). */
    static String diagnose(String bootLog) {
        List<String> failures = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        BootLogObserver o = new BootLogObserver();
        o.addListener(e -> {
            if (e.kind() == BootEvent.Kind.FAILURE && e.finding() != null && !e.stage().isBefore(Stage.KERNEL)) {
                failures.add(e.text().strip());
            } else if (e.kind() == BootEvent.Kind.MARK && "waiting-root".equals(e.key())) {
                waiting.add(e.text().strip());
            }
        });
        bootLog.lines().forEach(l -> o.accept(l, 0));
        List<String> said = failures.isEmpty() ? waiting : failures;
        if (!said.isEmpty()) {
            return Texts.t("proc.nvme.theKernelPrinted", said.get(said.size() - 1));
        }
        return bootLog.isBlank() ? Texts.t("proc.nvme.nothingArrivedOnThe") : Texts.t("proc.nvme.noShellPromptAppeared");
    }

    private static String diagnoseOk(String bootLog) {
        return bootLog.contains("VFS: Cannot open root device") ? " (but the kernel could not open the new root)" : "";
    }

    private static long number(ShellResult r) throws ShellException {
        try {
            return Long.parseLong(r.text().strip());
        } catch (NumberFormatException e) {
            throw new ShellException(Texts.t("proc.nvme.expectedANumberFrom", r.command(), r.text()), r);
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 600 ? "…" + t.substring(t.length() - 600) : t;
    }
}
