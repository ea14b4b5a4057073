package r4rescue.face.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import r4rescue.procedure.migrate.AbSlots;
import r4rescue.procedure.migrate.FwEnv;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.procedure.migrate.ProcedureException;
import r4rescue.procedure.migrate.RootfsArchive;
import r4rescue.protocol.shell.ConsoleFileTransfer;

@Command(name = "slot", mixinStandardHelpOptions = true,
        description = {"A/B root slots: status, switch A|B, rollback, or upgrade the inactive slot from a tarball on the board.",
                "Exit codes: 0 done and proven, 1 the board said no, 2 bad input, 3 no link."})
final class SlotCommand extends ShellCommand {

    @Parameters(index = "0", defaultValue = "status", description = "status | switch | rollback | upgrade")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "switch: A or B; upgrade: the rootfs tarball's path on the board")
    String arg;

    @Option(names = "--no-reboot", description = "Change root= but do not reboot")
    boolean noReboot;

    @Option(names = "--from", description = "upgrade: a rootfs tarball on this computer, checked, then sent over the console to the board path")
    Path from;

    @Override
    String validate() {
        return switch (action) {
            case "status", "rollback" -> null;
            case "switch" -> arg != null && arg.matches("[ABab]") ? null : "slot switch needs A or B";
            case "upgrade" -> arg == null || !arg.startsWith("/") ? "slot upgrade needs the tarball's absolute path on the board"
                    : from != null ? checkLocal() : null;
            default -> "Unknown action " + action + " (status, switch, rollback, upgrade)";
        };
    }

    private String checkLocal() {
        try {
            RootfsArchive.Check c = RootfsArchive.check(from);
            return c.hasInit() ? null : from + " is a tar archive without sbin/init: not a root filesystem";
        } catch (IOException e) {
            return "Refused " + from + ": " + e.getMessage();
        }
    }

    private void push(ShellSession s) throws IOException {
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(s.shell);
        xfer.onProgress(p -> {
            err().printf("\r  %d/%d bytes, %.0f bytes/s, %d s left", p.done(), p.total(), p.bytesPerSecond(), p.secondsLeft());
            err().flush();
        });
        String sha = xfer.upload(Files.readAllBytes(from), arg, s.cancel);
        err().println();
        err().println("Sent " + from + " to " + arg + " (SHA-256 " + sha + ", equal on both sides)");
    }

    @Override
    int body(ShellSession s) throws IOException, ProcedureException {
        MigrateConfig cfg = MigrateConfig.load();
        AbSlots ab = new AbSlots(s.steps(), cfg, opts.device);
        FwEnv env = new FwEnv(s.shell);
        switch (action) {
            case "status" -> {
                AbSlots.Status st = ab.status();
                if (opts.json) {
                    out().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(st));
                } else {
                    out().println("Active slot: " + st.activeSlot());
                    st.slots().forEach(x -> out().println("  " + x.name() + ": " + x.partition() + " label=" + x.label()
                            + " release=" + x.release() + (x.active() ? " (active)" : "")));
                }
                return MainCommand.OK;
            }
            case "upgrade" -> {
                if (from != null) {
                    push(s);
                }
                String slot = ab.upgradeInactive(arg);
                out().println("Slot " + slot + " written; switch to it with: r4-rescue slot switch " + slot + " -p " + opts.port);
                return MainCommand.OK;
            }
            case "switch" -> ab.switchTo(arg.toUpperCase(), env);
            default -> ab.rollback(env);
        }
        if (noReboot) {
            return MainCommand.OK;
        }
        String root = env.read().get(cfg.bootargsVariable());
        String part = r4rescue.procedure.migrate.Bootargs.root(root == null ? "" : root).orElse("");
        new NvmeMigration(s.steps(), cfg, opts.device).rebootAndProve(part, 10 * 60_000L);
        out().println("Running from " + part);
        return MainCommand.OK;
    }
}
