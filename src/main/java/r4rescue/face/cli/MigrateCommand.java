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

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Move the root filesystem to the NVMe SSD: preflight, partition, copy and verify, "
                + "point root= at it (fw_setenv, or the U-Boot prompt when the build has no fw_setenv), reboot and prove; "
                + "if the new root does not come up, the old one is put back from U-Boot.",
                "The preflight decides the route first: NVMe built into the kernel -> root= on the SSD; NVMe as a module "
                + "(stock OpenWrt) -> extroot: one ext4 partition, /overlay/upper copied to it, an fstab mount by UUID with "
                + "target /overlay (uci), reboot, /overlay proven on the SSD by device number; --rollback disables that mount. "
                + "Packages or tools missing, or no NVMe driver -> nothing is written, and the reason and the commands to run are printed.",
                "Exit codes: 0 migrated and proven, 1 the board said no or a check failed, 2 bad input or refused, 3 no link."})
final class MigrateCommand extends ShellCommand {

    @Option(names = "--layout", defaultValue = "single", description = "single (one nvme-root) or ab (root-A, root-B, data)")
    String layout;

    @Option(names = "--root-size", description = "A/B: size of each root slot in MiB (default from migrate.json: 8192)")
    Long rootMiB;

    @Option(names = "--yes", description = "Do not ask before changing the SSD")
    boolean yes;

    @Option(names = "--confirm-device", description = "Type the SSD's device name here to allow erasing data already on it")
    String confirmDevice;

    @Option(names = "--boot-medium", description = "What the boot log showed about where BL2 came from (e.g. \"SPI-NAND\")")
    String bootMedium;

    @Option(names = "--no-reboot", description = "Stop after pointing root= at the SSD")
    boolean noReboot;

    @Option(names = "--force-sd", description = "Migrate a system running from the SD card all the same "
            + "(its system and environment are gone once the switches point back at NAND)")
    boolean forceSd;

    @Option(names = "--rollback", description = "Extroot: disable the fstab mount of /overlay on the SSD where preinit reads it (the flash's overlay, "
            + "mounted by its fstab.rwm device when /overlay is the SSD), reboot and prove /overlay is no longer the SSD")
    boolean rollback;

    @Option(names = "--install-packages", description = "Extroot: when the board lacks only packages (block-mount, kmod-fs-ext4, fdisk) "
            + "and reaches the package server, install them with its package manager (opkg/apk), then run the preflight again")
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
