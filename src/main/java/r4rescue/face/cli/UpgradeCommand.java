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

@Command(name = "upgrade", mixinStandardHelpOptions = true)
final class UpgradeCommand extends ShellCommand {

    @Option(names = "--kernel", required = true)
    Path kernel;

    @Option(names = "--rootfs", required = true)
    Path rootfs;

    @Option(names = "--backup", required = true)
    Path backup;

    @Option(names = "--clean")
    boolean clean;

    @Option(names = "--yes")
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
