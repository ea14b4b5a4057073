package r4rescue.face.cli;

import java.io.IOException;
import java.util.List;

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
            return "--layout must be single or ab, not " + layout;
        }
        if (rootMiB != null && rootMiB < 64) {
            return "--root-size must be at least 64 MiB";
        }
        return null;
    }

    @Override
    int body(ShellSession s) throws IOException, Stopped {
        MigrateConfig cfg = MigrateConfig.load();
        NvmeMigration m = new NvmeMigration(s.steps, cfg, opts.device);
        if (rollback) {
            String ev = new ExtrootRoute(s.steps, cfg).rollback(MigrateConfig.partition(opts.device, 1), 10 * 60_000L);
            out().println("Extroot disabled: " + ev);
            return MainCommand.OK;
        }
        PreflightReport pf = m.preflight(bootMedium, forceSd);
        String install = pf.route().install();
        if (install != null && (installPackages || !yes && ask("The board lacks packages extroot needs. Run '" + install + "' on it now? [y/N] "))) {
            m.installPackages(pf.route());
            pf = m.preflight(bootMedium, forceSd);
        }
        if (!pf.route().canMigrate() && !pf.route().canRunExtroot()) {
            err().println("Nothing was changed: " + pf.route().why() + ".");
            pf.route().reasons().forEach(r -> err().println("  " + r));
            pf.route().commands().forEach(c -> err().println("  run on the board: " + c));
            return MainCommand.BAD_INPUT;
        }
        err().println("Route: " + pf.route().why());
        SsdLayout l = layout.equals("ab") ? SsdLayout.ab(cfg, rootMiB == null ? cfg.abRootMiB() : rootMiB) : SsdLayout.single(cfg);
        if (!yes && !ask("Partition " + opts.device + " (" + pf.dataSummary() + ") as " + layout + " and copy the root? [y/N] ")) {
            err().println("Nothing was changed.");
            return MainCommand.BAD_INPUT;
        }
        if (pf.route().kind() == MigrationRoute.Kind.EXTROOT) {
            List<String> parts = m.partition(pf, l, confirmDevice);
            ExtrootRoute x = new ExtrootRoute(s.steps, cfg);
            ExtrootRoute.CopyReport copy = x.copyOverlay(parts.get(0));
            x.enable(parts.get(0), pf.tools().contains("hexdump"));
            if (noReboot) {
                out().println("Copied " + copy.files() + " overlay entries to " + parts.get(0) + "; the fstab mount is enabled. Reboot to use it.");
                return MainCommand.OK;
            }
            out().println(x.rebootAndProve(parts.get(0), 10 * 60_000L));
            return MainCommand.OK;
        }
        if (l.kind() == SsdLayout.Kind.SINGLE) {
            MigrateJournal.start(s, opts, bootMedium, noReboot, err());
        }
        PreflightReport ready = pf;
        return MigrateRun.journaled(s.steps.procedure(), () -> MigrateRun.rootOnSsd(s, m, ready, l, confirmDevice, noReboot,
                q -> yes || ask(q), out(), err()));
    }
}
