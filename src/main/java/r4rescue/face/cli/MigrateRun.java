package r4rescue.face.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.ExtrootRoute;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.procedure.migrate.PreflightReport;
import r4rescue.procedure.migrate.SsdLayout;
import r4rescue.util.Texts;

/**
 * A migration from the partition table on: the root= route (partition, copy, point root=, reboot and
 * prove, rolling back when the new root does not come up) or the extroot route. Shared by {@code migrate} and by
 * {@code resume} of an interrupted one, and journaled: the journal ends with the run.
 */
final class MigrateRun {

    /** Asks the user a yes/no question (or answers it for them with --yes). */
    @FunctionalInterface
    interface Ask {
        boolean yes(String question) throws IOException;
    }

    /** The run's work; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int run() throws IOException, Stopped;
    }

    private MigrateRun() {
    }

    static int rootOnSsd(ShellSession s, NvmeMigration m, PreflightReport pf, SsdLayout layout, String confirmDevice,
                         boolean noReboot, Ask rollBack, PrintWriter out, PrintWriter err) throws IOException, Stopped {
        List<String> parts = m.partition(pf, layout, confirmDevice);
        NvmeMigration.CopyReport copy = m.copy(parts.get(0));
        BootloaderEnv env = s.bootloaderEnv();
        m.pointRoot(env, parts.get(0));
        if (noReboot) {
            out.println(Texts.t("cli.migrate.copied", copy.files(), parts.get(0)));
            return MainCommand.OK;
        }
        return prove(s, m, env, parts.get(0), rollBack, out, err);
    }

    /** The extroot route from the partition table on: partition, copy the overlay, enable its mount, reboot and prove. */
    static int extroot(ShellSession s, NvmeMigration m, PreflightReport pf, SsdLayout layout, String confirmDevice,
                       boolean noReboot, PrintWriter out) throws IOException, Stopped {
        List<String> parts = m.partition(pf, layout, confirmDevice);
        ExtrootRoute x = new ExtrootRoute(s.steps, MigrateConfig.load());
        ExtrootRoute.CopyReport copy = x.copyOverlay(parts.get(0));
        x.enable(parts.get(0), pf.tools().contains("hexdump"));
        if (noReboot) {
            out.println(Texts.t("cli.migrate.copied-overlay", copy.files(), parts.get(0)));
            return MainCommand.OK;
        }
        out.println(x.rebootAndProve(parts.get(0), 10 * 60_000L));
        return MainCommand.OK;
    }

    /** Reboots and proves the root is {@code partition}; offers the rollback when it is not. */
    static int prove(ShellSession s, NvmeMigration m, BootloaderEnv env, String partition, Ask rollBack,
                     PrintWriter out, PrintWriter err) throws IOException, Stopped {
        try {
            NvmeMigration.RebootReport proof = m.rebootAndProve(partition, 10 * 60_000L, env);
            out.println(Texts.t("cli.migrate.root-is", partition) + "\n" + proof.df());
            return MainCommand.OK;
        } catch (Stopped e) {
            err.println(ShellSession.describe(e));
            return SlotCommand.recover(s, m, env, e, rollBack.yes(Texts.t("cli.migrate.rollback-ask")), err);
        }
    }

    /** Runs {@code work} and ends the procedure's journal with it: how it stopped, or the state it left. */
    static int journaled(Procedure p, Work work) throws IOException, Stopped {
        try {
            int rc = work.run();
            p.finish(null);
            return rc;
        } catch (Stopped e) {
            p.finish(e);
            throw e;
        }
    }
}
