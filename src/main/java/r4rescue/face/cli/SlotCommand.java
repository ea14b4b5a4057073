package r4rescue.face.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.slots.RootfsArchive;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.util.Texts;

@Command(name = "slot", mixinStandardHelpOptions = true)
final class SlotCommand extends ShellCommand {

    @Parameters(index = "0", defaultValue = "status")
    String action;

    @Parameters(index = "1", arity = "0..1")
    String arg;

    @Option(names = "--no-reboot")
    boolean noReboot;

    @Option(names = "--yes")
    boolean yes;

    @Option(names = "--from")
    Path from;

    @Override
    String validate() {
        return switch (action) {
            case "status", "rollback" -> null;
            case "switch" -> arg != null && arg.matches("[ABab]") ? null : Texts.t("cli.slot.switch-needs");
            case "upgrade" -> arg == null || !arg.startsWith("/") ? Texts.t("cli.slot.upgrade-needs")
                    : from != null ? checkLocal() : null;
            default -> Texts.t("cli.slot.unknown-action", action);
        };
    }

    private String checkLocal() {
        try {
            RootfsArchive.Check c = RootfsArchive.check(from);
            return c.hasInit() ? null : Texts.t("cli.slot.no-init", from);
        } catch (IOException e) {
            return Texts.t("cli.slot.refused", from, e.getMessage());
        }
    }

    private void push(ShellSession s) throws IOException {
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(s.shell);
        ProgressPrinter progress = ProgressPrinter.onStderr(err());
        xfer.onProgress(p -> progress.update(p.file(), p.done(), p.total()));
        String sha;
        try {
            sha = xfer.upload(Files.readAllBytes(from), arg, s.steps.token());
        } finally {
            progress.end();
        }
        err().println(Texts.t("cli.slot.sent", from, arg, sha));
    }

    @Override
    int body(ShellSession s) throws IOException, Stopped {
        MigrateConfig cfg = MigrateConfig.load();
        AbSlots ab = new AbSlots(s.steps, cfg, opts.device);
        switch (action) {
            case "status" -> {
                AbSlots.Status st = ab.status();
                if (opts.json) {
                    out().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(st));
                } else {
                    out().println(Texts.t("cli.slot.active", st.activeSlot()));
                    st.slots().forEach(x -> out().println("  " + x.name() + ": " + x.partition() + " label=" + x.label()
                            + " release=" + x.release() + (x.active() ? Texts.t("cli.slot.active-mark") : "")));
                }
                return MainCommand.OK;
            }
            case "upgrade" -> {
                if (from != null) {
                    push(s);
                }
                String slot = ab.upgradeInactive(arg, s.bootloaderEnv(), q -> yes || askQuietly(q + " [y/N] "));
                out().println(Texts.t("cli.slot.written", slot, opts.port()));
                return MainCommand.OK;
            }
            default -> {
            }
        }
        BootloaderEnv env = s.bootloaderEnv();
        String part = action.equals("switch") ? ab.partition(arg.toUpperCase()) : null;
        String evidence = part != null ? ab.switchTo(arg.toUpperCase(), env) : ab.rollback(env);
        if (part == null) {
            part = KernelCmdline.root(evidence).orElse("");
        }
        if (noReboot) {
            return MainCommand.OK;
        }
        NvmeMigration m = new NvmeMigration(s.steps, cfg, opts.device);
        try {
            m.rebootAndProve(part, 10 * 60_000L, env);
        } catch (Stopped e) {
            err().println(ShellSession.describe(e));
            return recover(s, m, env, e, true, err());
        }
        out().println(Texts.t("cli.slot.running", part));
        return MainCommand.OK;
    }

    /**
     * After a reboot that did not prove the new root: if the board never reached a shell (the kernel
     * waits or panicked) the old root is put back from U-Boot at its next start; if Linux runs but
     * from another root, through {@code env}. Not rolling back leaves the board as it is, said plainly.
     */
    static int recover(ShellSession s, NvmeMigration m, BootloaderEnv env, Stopped failure, boolean rollBack,
                       java.io.PrintWriter err) throws Stopped {
        boolean hanging = "proc.nvme.reboot".equals(failure.stepId());
        if (!rollBack) {
            err.println(Texts.t(hanging ? "cli.slot.not-rolled-back-uboot" : "cli.slot.not-rolled-back", failure.state().words()));
            return MainCommand.BOARD_SAID_NO;
        }
        if (hanging) {
            err.println(Texts.t("cli.slot.switching-back"));
            NvmeMigration.RebootReport r = m.switchBack(s.ubootAfterFailedBoot(), 10 * 60_000L);
            err.println(Texts.t("cli.slot.switched-back") + "\n" + r.df());
        } else {
            String back = m.rollback(env);
            m.rebootAndProve(KernelCmdline.root(back).orElse(""), 10 * 60_000L, env);
            err.println(Texts.t("cli.slot.rolled-back"));
        }
        return MainCommand.BOARD_SAID_NO;
    }
}
