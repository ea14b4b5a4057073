package r4rescue.face.cli;

import java.io.IOException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.ExtrootRoute;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.MigrationRoute;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.procedure.migrate.PreflightReport;
import r4rescue.procedure.migrate.SsdLayout;
import r4rescue.util.Texts;

@Command(name = "migrate", mixinStandardHelpOptions = true)
final class MigrateCommand extends ShellCommand {

    @Option(names = "--layout", defaultValue = "single")
    String layout;

    @Option(names = "--root-size")
    Long rootMiB;

    @Option(names = "--yes")
    boolean yes;

    @Option(names = "--confirm-device")
    String confirmDevice;

    @Option(names = "--boot-medium")
    String bootMedium;

    @Option(names = "--no-reboot")
    boolean noReboot;

    @Option(names = "--force-sd")
    boolean forceSd;

    @Option(names = "--rollback")
    boolean rollback;

    @Option(names = "--install-packages")
    boolean installPackages;

    @Override
    String validate() {
        if (!layout.equals("single") && !layout.equals("ab")) {
            return Texts.t("cli.migrate.layout", layout);
        }
        if (rootMiB != null && rootMiB < 64) {
            return Texts.t("cli.migrate.root-size");
        }
        return null;
    }

    @Override
    int body(ShellSession s) throws IOException, Stopped {
        MigrateConfig cfg = MigrateConfig.load();
        NvmeMigration m = new NvmeMigration(s.steps, cfg, opts.device);
        if (rollback) {
            String ev = new ExtrootRoute(s.steps, cfg).rollback(MigrateConfig.partition(opts.device, 1), 10 * 60_000L);
            out().println(Texts.t("cli.migrate.extroot-disabled", ev));
            return MainCommand.OK;
        }
        PreflightReport pf = m.preflight(bootMedium, forceSd);
        String install = pf.route().install();
        if (install != null && (installPackages || !yes && ask(Texts.t("cli.migrate.install-ask", install)))) {
            m.installPackages(pf.route());
            pf = m.preflight(bootMedium, forceSd);
        }
        if (!pf.route().canMigrate() && !pf.route().canRunExtroot()) {
            err().println(Texts.t("cli.migrate.unchanged-why", pf.route().why()));
            pf.route().reasons().forEach(r -> err().println("  " + r));
            pf.route().commands().forEach(c -> err().println("  " + Texts.t("cli.migrate.run-on-board", c)));
            return MainCommand.BAD_INPUT;
        }
        err().println(Texts.t("cli.migrate.route", pf.route().why()));
        SsdLayout l = layout.equals("ab") ? SsdLayout.ab(cfg, rootMiB == null ? cfg.abRootMiB() : rootMiB) : SsdLayout.single(cfg);
        if (!yes && !ask(Texts.t("cli.migrate.partition-ask", opts.device, pf.dataSummary(), layout))) {
            err().println(Texts.t("cli.migrate.unchanged"));
            return MainCommand.BAD_INPUT;
        }
        boolean extroot = pf.route().kind() == MigrationRoute.Kind.EXTROOT;
        MigrateJournal.start(s, opts, extroot, l, bootMedium, noReboot, err());
        PreflightReport ready = pf;
        return MigrateRun.journaled(s.steps.procedure(), () -> extroot
                ? MigrateRun.extroot(s, m, ready, l, confirmDevice, noReboot, out())
                : MigrateRun.rootOnSsd(s, m, ready, l, confirmDevice, noReboot, q -> yes || ask(q), out(), err()));
    }
}
