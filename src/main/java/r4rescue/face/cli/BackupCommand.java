package r4rescue.face.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import r4rescue.procedure.backup.SysupgradeSafety;
import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.procedure.upgrade.KernelModules;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.util.Texts;

@Command(name = "backup", mixinStandardHelpOptions = true)
final class BackupCommand extends ShellCommand {

    @Parameters(index = "0", arity = "0..1")
    Path file;

    @Option(names = "--after")
    boolean after;

    @Option(names = "--repair")
    boolean repair;

    @Option(names = "--root")
    String root;

    @Option(names = "--keep")
    List<String> keep;

    @Override
    String validate() {
        if (after) {
            return file != null ? Texts.t("cli.backup.after-no-file") : null;
        }
        if (repair || root != null) {
            return Texts.t("cli.backup.repair-needs-after");
        }
        if (file == null) {
            return Texts.t("cli.backup.no-file");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return Texts.t("cli.backup.no-folder", file);
        }
        return null;
    }

    @Override
    int body(ShellSession s) throws IOException, Stopped {
        SysupgradeSafety safety = new SysupgradeSafety(s.steps);
        if (after) {
            return after(s, safety);
        }
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(s.shell);
        ProgressPrinter progress = ProgressPrinter.onStderr(err());
        xfer.onProgress(p -> progress.update(p.file(), p.done(), p.total()));
        String sha;
        try {
            sha = safety.backup(file, xfer);
        } finally {
            progress.end();
        }
        out().println(Texts.t("cli.backup.saved", file, sha));
        for (String k : keep == null ? List.<String>of() : keep) {
            safety.keep(k);
        }
        List<String> lost = safety.uncovered();
        if (lost.isEmpty()) {
            out().println(Texts.t("cli.backup.all-kept"));
            return MainCommand.OK;
        }
        out().println(Texts.t("cli.backup.not-kept"));
        lost.forEach(f -> out().println("  " + f));
        return MainCommand.BOARD_SAID_NO;
    }

    private int after(ShellSession s, SysupgradeSafety safety) throws IOException, Stopped {
        MigrateConfig cfg = MigrateConfig.load();
        String part = root != null ? root : MigrateConfig.partition(opts.device, 1);
        BootloaderEnv env = s.bootloaderEnv();
        String problem = safety.afterUpgrade(env, part, cfg);
        if (problem == null || !repair) {
            env.resume(s.shell, 10 * 60_000L);
        }
        if (problem == null) {
            out().println(Texts.t("cli.backup.survived", part));
            return modules(s);
        }
        out().println(problem);
        if (!repair) {
            out().println(Texts.t("cli.backup.repair-with", opts.port()));
            return MainCommand.BOARD_SAID_NO;
        }
        NvmeMigration m = new NvmeMigration(s.steps, cfg, opts.device);
        m.pointRoot(env, part);
        m.rebootAndProve(part, 10 * 60_000L, env);
        out().println(Texts.t("cli.backup.repaired", part));
        return modules(s);
    }

    /** The kernel sysupgrade wrote on NAND/eMMC against the modules on the SSD's root. */
    private int modules(ShellSession s) throws Stopped {
        KernelModules.Match m = KernelModules.check(s.steps);
        out().println(m.words());
        return m.matches() ? MainCommand.OK : MainCommand.BOARD_SAID_NO;
    }
}
