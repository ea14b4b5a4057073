package r4rescue.procedure.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.procedure.backup.SysupgradeSafety;
import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.DeviceProof;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.slots.RootfsArchive;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellException;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * An OpenWrt upgrade of a board whose root is on the SSD's A/B slots. {@code sysupgrade} alone writes
 * the kernel to NAND/eMMC and leaves the SSD's userland (and its /lib/modules) behind, so the new
 * build's rootfs goes into the inactive slot first and the kernel follows in the same reboot:
 * the backup (copied and checked), the package list, the rootfs into the inactive slot (with the
 * backup's settings unless clean), root= at that slot, {@code sysupgrade -v|-n} with the build's
 * FIT, and after the reboot the proof: / on the new slot by device number, {@code uname -r} is the
 * FIT's release and /lib/modules has it.
 */
public final class NvmeUpgrade {

    /** The two files of one OpenWrt build, checked on the host; {@code release}: the kernel both carry. */
    public record Build(Path kernel, Path rootfs, String release) {
    }

    /** What the upgrade did: the slot now running, the release proven, where the backup and package list are. */
    public record Report(String slot, String partition, String release, String backupSha, Path packageList, int packages) {
    }

    private static final String BOARD_ROOTFS = "/tmp/r4rescue-rootfs.tar.gz";
    private static final String BOARD_KERNEL = "/tmp/r4rescue-sysupgrade.itb";
    private static final String BOARD_BACKUP = "/tmp/backup.tar.gz"; // where SysupgradeSafety.backup leaves it
    private static final String SLOT_MP = "/mnt/slot";
    private static final String SETTINGS_TMP = "/tmp/r4rescue-settings";
    /** mkits.sh names the kernel image "${ARCH_UPPER} OpenWrt Linux-${VERSION}": VERSION is uname -r's release. */
    private static final Pattern FIT_RELEASE = Pattern.compile("OpenWrt Linux-([0-9][0-9A-Za-z.+_~-]*)");
    private static final int FIT_HEAD = 1 << 20;

    private final ShellProcedure steps;
    private final ShellDriver shell;
    private final MigrateConfig cfg;
    private final String device;

    public NvmeUpgrade(ShellProcedure steps, MigrateConfig cfg, String device) {
        this.steps = steps;
        this.shell = steps.shell();
        this.cfg = cfg;
        this.device = device;
    }

    /** The kernel release in a sysupgrade FIT, from its kernel image's description; refuses anything else. */
    public static String kernelRelease(Path itb) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(itb)) {
            head = in.readNBytes(FIT_HEAD);
        }
        if (head.length < 4 || (head[0] & 0xff) != 0xd0 || (head[1] & 0xff) != 0x0d || (head[2] & 0xff) != 0xfe || (head[3] & 0xff) != 0xed) {
            throw new IOException(Texts.t("upgrade.refuse.not-fit", itb.getFileName()));
        }
        Matcher m = FIT_RELEASE.matcher(new String(head, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            throw new IOException(Texts.t("upgrade.refuse.no-release", itb.getFileName()));
        }
        return m.group(1);
    }

    /**
     * The kernel FIT and the rootfs archive belong to one build: a FIT, a root filesystem (sbin/init),
     * and the rootfs has /lib/modules for the FIT's kernel. Refused here, before the board is touched.
     */
    public static Build check(Path kernel, Path rootfs) throws IOException {
        String release = kernelRelease(kernel);
        RootfsArchive.Check c = RootfsArchive.check(rootfs);
        if (!c.hasInit()) {
            throw new IOException(Texts.t("upgrade.refuse.no-init", rootfs.getFileName()));
        }
        if (!c.moduleReleases().contains(release)) {
            throw new IOException(Texts.t("upgrade.refuse.out-of-step", kernel.getFileName(), release, rootfs.getFileName(),
                    c.moduleReleases().isEmpty() ? Texts.t("upgrade.modules.none") : String.join(", ", c.moduleReleases())));
        }
        return new Build(kernel, rootfs, release);
    }

    /**
     * Runs the whole upgrade. {@code keepSettings}: the guide's {@code sysupgrade -v} (the backup's
     * files go into the new slot too); false: {@code -n}, clean. {@code confirm} is asked before the
     * inactive slot is formatted.
     */
    public Report run(Build build, boolean keepSettings, Path backup, Path packageList, ConsoleFileTransfer xfer,
                      BootloaderEnv env, Predicate<String> confirm) throws Stopped {
        AbSlots ab = new AbSlots(steps, cfg, device);
        AbSlots.Status st = ab.status();
        if (st.activeSlot().equals("none")) {
            throw steps.refuse(Texts.t("upgrade.refuse.no-slot", ab.partition("A"), ab.partition("B")));
        }
        String sha = new SysupgradeSafety(steps).backup(backup, xfer);
        int packages = savePackageList(packageList).size();
        upload(build.rootfs(), BOARD_ROOTFS, xfer);
        String slot = ab.upgradeInactive(BOARD_ROOTFS, env, confirm);
        String partition = ab.partition(slot);
        if (keepSettings) {
            restoreSettings(partition);
        }
        upload(build.kernel(), BOARD_KERNEL, xfer);
        testKernel();
        ab.switchTo(slot, env);
        if (!backInLinux(env, BOARD_KERNEL)) {
            // switched at the U-Boot prompt: that reboot emptied /tmp (RAM)
            upload(build.kernel(), BOARD_KERNEL, xfer);
            testKernel();
        }
        flashKernel(keepSettings, slot, st.activeSlot());
        prove(partition, build.release());
        return new Report(slot, partition, build.release(), sha, packageList, packages);
    }

    /**
     * The installed packages saved on the host: what the user reinstalls after the upgrade (only
     * settings survive a sysupgrade). OpenWrt 25.x replaced opkg with apk-tools 3.
     */
    public List<String> savePackageList(Path local) throws Stopped {
        return steps.step(Texts.t("upgrade.packages.step", local), () -> {
            boolean apk = shell.run("[ -x /usr/bin/apk ]").ok();
            // apk 3 prints "name version" per package; opkg "name - version"
            String cmd = apk ? "apk list --installed --manifest" : "opkg list-installed";
            List<String> lines = new ArrayList<>();
            for (String l : shell.check(cmd, 2 * 60_000L).output().split("\n")) {
                if (!l.isBlank()) {
                    lines.add(l.strip());
                }
            }
            if (lines.isEmpty()) {
                throw steps.no(Texts.t("upgrade.packages.empty", cmd));
            }
            Files.writeString(local, "# " + cmd + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            steps.info(Texts.t("upgrade.packages.saved", Integer.toString(lines.size()), local, cmd));
            return lines;
        });
    }

    private void upload(Path local, String remote, ConsoleFileTransfer xfer) throws Stopped {
        steps.check(Texts.t("upgrade.upload.step", local.getFileName(), remote), () -> {
            String sha = xfer.upload(Files.readAllBytes(local), remote, steps.token());
            return Texts.t("upgrade.upload.done", remote, sha);
        });
    }

    /** The backup's files into the freshly written slot, each compared with the archive's copy. */
    private void restoreSettings(String partition) throws Stopped {
        steps.check(Texts.t("upgrade.settings.step", partition), () -> {
            String q = Sh.quote(BOARD_BACKUP);
            List<String> files = new ArrayList<>();
            for (String l : shell.check("tar -tzf " + q).output().split("\n")) {
                String f = l.strip().replaceFirst("^\\./", "").replaceFirst("^/", "");
                if (!f.isEmpty() && !f.endsWith("/")) {
                    files.add(f);
                }
            }
            steps.state(BoardState.partlyChanged(Texts.t("upgrade.state.settings", partition)));
            shell.check("rm -rf " + SETTINGS_TMP + " && mkdir -p " + SETTINGS_TMP + " " + SLOT_MP
                    + " && tar -xzf " + q + " -C " + SETTINGS_TMP + " && mount -t ext4 " + partition + " " + SLOT_MP);
            ShellResult x = shell.run("tar -xzf " + q + " -C " + SLOT_MP, 5 * 60_000L);
            List<String> differ = new ArrayList<>();
            if (x.ok()) {
                for (String f : files) {
                    if (!shell.run("cmp -s " + Sh.quote(SETTINGS_TMP + "/" + f) + " " + Sh.quote(SLOT_MP + "/" + f)).ok()) {
                        differ.add("/" + f);
                    }
                }
            }
            shell.check("sync && umount " + SLOT_MP + " && rm -rf " + SETTINGS_TMP);
            if (!x.ok() || !differ.isEmpty()) {
                throw steps.no(Texts.t("upgrade.settings.failed", partition, x.ok() ? String.join(", ", differ) : x.text()));
            }
            steps.state(BoardState.verified(Texts.t("upgrade.state.settings-done", partition, Integer.toString(files.size()))));
            return Texts.t("upgrade.settings.done", Integer.toString(files.size()), partition);
        });
    }

    /** Linux again after {@code env} (the U-Boot prompt boots it); whether {@code file} is still in /tmp. */
    private boolean backInLinux(BootloaderEnv env, String file) throws Stopped {
        return steps.step(Texts.t("upgrade.upload.present", file), () -> {
            env.resume(shell, 10 * 60_000L);
            return shell.run("[ -f " + Sh.quote(file) + " ]").ok();
        });
    }

    /** {@code sysupgrade -T}: the board's own image checks, flashing nothing. */
    private void testKernel() throws Stopped {
        steps.check(Texts.t("upgrade.kernel.test-step"), () -> {
            ShellResult t = shell.run("sysupgrade -T " + Sh.quote(BOARD_KERNEL), 2 * 60_000L);
            if (!t.ok()) {
                throw steps.refuse(Texts.t("upgrade.kernel.refused", t.text()));
            }
            return Texts.t("upgrade.kernel.accepted");
        });
    }

    /** {@code sysupgrade -v|-n}: writes the kernel and reboots; the board comes back on the new slot. */
    private void flashKernel(boolean keep, String slot, String oldSlot) throws Stopped {
        String cmd = "sysupgrade " + (keep ? "-v " : "-n ") + Sh.quote(BOARD_KERNEL);
        steps.check(cmd, () -> {
            steps.state(BoardState.partlyChanged(Texts.t("upgrade.state.kernel", slot, oldSlot)));
            StringBuilder log = new StringBuilder();
            shell.sendFinal(cmd);
            try {
                shell.awaitReboot(15 * 60_000L, log, line -> line != null && line.matches("(?i).*image check .*failed.*") ? line : null);
            } catch (ShellException e) {
                steps.state(BoardState.unknown(Texts.t("upgrade.state.kernel-unknown", slot, oldSlot)));
                throw steps.no(Texts.t("upgrade.kernel.no-shell", e.getMessage(), oldSlot));
            }
            return Texts.t("upgrade.kernel.rebooted", shell.prompt());
        });
    }

    /** After the reboot: / is the slot's partition (device numbers), and the kernel is the build's, with its modules. */
    private void prove(String partition, String release) throws Stopped {
        steps.check(Message.of("upgrade.prove.step", partition, release), () -> {
            DeviceProof.Proof p = DeviceProof.proveRoot(shell, partition);
            if (!p.proven()) {
                throw steps.no(Texts.t("upgrade.prove.not-root", partition, p.evidence()));
            }
            return p.evidence();
        });
        KernelModules.Match m = KernelModules.check(steps);
        if (!m.kernel().equals(release)) {
            throw steps.no(Texts.t("upgrade.prove.old-kernel", m.kernel(), release));
        }
        if (!m.matches()) {
            throw steps.no(m.words());
        }
        steps.state(BoardState.verified(Texts.t("upgrade.state.done", partition, release)));
    }
}
