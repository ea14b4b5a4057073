package r4rescue.face.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import r4rescue.board.BoardProfile;
import r4rescue.console.Console;
import r4rescue.console.Subscription;
import r4rescue.link.Links;
import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.bootenv.UBootEnvAccess;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.util.Texts;

/** An open console with a root shell on it, for one CLI run; the procedure's steps, commands and findings printed to stderr. */
final class ShellSession implements AutoCloseable {

    final Console console;
    final ShellDriver shell;
    final BoardProfile board;
    final Cancel cancel = new Cancel();
    /** The one procedure of this run: every command the shell sends is printed once, under its step. */
    final ShellProcedure steps;
    private final PrintWriter err;
    private final OutputStream logFile;
    private final Subscription logSub;
    private final CliSession record;

    ShellSession(ShellOptions o, PrintWriter err) throws IOException {
        this.err = err;
        board = o.link.profile();
        java.util.function.Supplier<String> password = o.password.source();
        record = CliSession.start(o.link.mixee, o.link.port);
        console = new Console(record == null ? Links.create(o.link.port, o.link.baud)
                : record.wrap(Links.create(o.link.port, o.link.baud)));
        if (record != null) {
            record.attach(console);
        }
        if (o.link.log != null) {
            logFile = Files.newOutputStream(o.link.log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logSub = console.subscribe("log", PortOptions.rawLog(logFile));
        } else {
            logFile = null;
            logSub = null;
        }
        console.open();
        shell = new ShellDriver(console);
        shell.setTimeoutMs(o.timeoutMillis());
        steps = new ShellProcedure(shell, new Procedure(this::print, cancel));
        Runtime.getRuntime().addShutdownHook(new Thread(cancel::request));
        err.println(Texts.t("cli.shell.waiting", console.link().describe()));
        err.flush();
        shell.activateWith(password, Math.max(30_000, o.timeoutMillis()));
        err.println(Texts.t("cli.shell-prompt", shell.prompt()));
        err.flush();
    }

    /**
     * fw_setenv from Linux when the build has it; otherwise U-Boot's prompt (the board reboots into
     * U-Boot at the first access, and boots again afterwards).
     */
    BootloaderEnv bootloaderEnv() throws IOException {
        if (FwEnv.available(shell)) {
            return new FwEnv(shell);
        }
        err.println(Texts.t("cli.shell.no-fw-setenv"));
        err.flush();
        return new UBootEnvAccess(shell, board, Duration.ofMinutes(3), this::hold).onCommand(steps.procedure()::command);
    }

    /** For a board whose boot just failed: U-Boot at its next start, which the user brings about. */
    UBootEnvAccess ubootAfterFailedBoot() {
        return UBootEnvAccess.afterFailedBoot(shell, board, Duration.ofMinutes(10), this::hold).onCommand(steps.procedure()::command);
    }

    private void hold(HoldEvent e) {
        if (e.kind() == HoldEvent.Kind.POWER_CYCLE_NOW) {
            err.println("  " + Texts.t("cli.shell.waiting-start"));
        } else {
            err.println("  " + Texts.t("cli.shell.uboot", e.message()));
        }
        err.flush();
    }

    private void print(Event e) {
        switch (e.kind()) {
            case STEP -> err.println("> " + e.step());
            case COMMAND -> err.println("    $ " + e.message());
            case INFO -> err.println("  " + Texts.t("cli.shell.ok", indent(e.message())));
            case WARNING -> err.println("  " + Texts.t("cli.shell.warning", indent(e.message())));
            default -> {
                return;
            }
        }
        err.flush();
    }

    /** A stop as the user reads it: the step, what went wrong, and the board's state. */
    static String describe(Stopped s) {
        return "  " + Texts.t(s.kind() == Stopped.Kind.CANCELLED ? "cli.shell.cancelled" : "cli.shell.failed", indent(s.getMessage()))
                + "\n" + Texts.t("cli.shell.stopped", s.step(), s.state().words());
    }

    private static String indent(String s) {
        return s == null ? "" : s.replace("\n", "\n        ");
    }

    @Override
    public void close() {
        shell.close();
        console.close();
        if (record != null) {
            record.close();
        }
        if (logSub != null) {
            logSub.close();
        }
        try {
            if (logFile != null) {
                logFile.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
