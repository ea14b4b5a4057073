package r4rescue.face.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.upgrade.NvmeUpgrade;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.util.Texts;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Upgrade OpenWrt on a board whose root is on the SSD's A/B slots: sysupgrade alone changes the kernel on NAND/eMMC, "
                + "not the SSD's system, and the kernel's modules stop matching.",
                "Steps: the files are checked here (--kernel's release must have its /lib/modules in --rootfs); sysupgrade -b is copied to --backup "
                + "and checked by SHA-256, the package list saved beside it (FILE.packages.txt); the rootfs goes into the inactive slot "
                + "(asks first, --yes to skip) with the backup's settings (--clean: without, as sysupgrade -n); root= names that slot; "
                + "sysupgrade -T checks the kernel, sysupgrade -v|-n writes it and reboots; then / on the new slot and uname -r with its modules are proven.",
                "Exit codes: 0 upgraded and proven, 1 the board said no, 2 bad input (nothing was sent), 3 no link."})
final class UpgradeCommand extends ShellCommand {

    @Option(names = "--kernel", required = true, description = "The build's …-squashfs-sysupgrade.itb (kernel FIT) on this computer")
    Path kernel;

    @Option(names = "--rootfs", required = true, description = "The same build's …-rootfs.tar.gz on this computer")
    Path rootfs;

    @Option(names = "--backup", required = true, description = "Where to save sysupgrade -b's backup (.tar.gz) on this computer")
    Path backup;

    @Option(names = "--clean", description = "As sysupgrade -n: the new slot starts with default settings (the backup is still saved)")
    boolean clean;

    @Option(names = "--yes", description = "Do not ask before formatting the inactive slot")
    boolean yes;

    private NvmeUpgrade.Build build;

    @Override
    String validate() {
        Path dir = backup.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return Texts.t("upgrade.cli.no-folder", backup);
        }
        try {
            build = NvmeUpgrade.check(kernel, rootfs);
        } catch (IOException e) {
            return Texts.t("upgrade.cli.refused", e.getMessage());
        }
        return null;
    }

    @Override
    int body(ShellSession s) throws IOException, Stopped {
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(s.shell);
        ProgressPrinter progress = ProgressPrinter.onStderr(err());
        xfer.onProgress(p -> progress.update(p.file(), p.done(), p.total()));
        Path packages = backup.resolveSibling(backup.getFileName() + ".packages.txt");
        NvmeUpgrade.Report r;
        try {
            r = new NvmeUpgrade(s.steps, MigrateConfig.load(), opts.device).run(build, !clean, backup, packages, xfer,
                    s.bootloaderEnv(), q -> yes || askQuietly(q + " [y/N] "));
        } finally {
            progress.end();
        }
        out().println(Texts.t("upgrade.cli.done", r.slot(), r.partition(), r.release()));
        out().println(Texts.t("upgrade.cli.saved", backup, r.backupSha(), r.packageList(), Integer.toString(r.packages())));
        return MainCommand.OK;
    }
}
