package r4rescue.face.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

import r4rescue.console.Console;
import r4rescue.console.Subscription;
import r4rescue.link.Links;
import r4rescue.procedure.migrate.StepEvent;
import r4rescue.procedure.migrate.Steps;
import r4rescue.protocol.CancellationToken;
import r4rescue.protocol.shell.ShellDriver;

/** An open console with a root shell on it, for one CLI run; step events printed to stderr. */
final class ShellSession implements AutoCloseable {

    final Console console;
    final ShellDriver shell;
    final CancellationToken cancel = new CancellationToken();
    private final PrintWriter err;
    private final OutputStream logFile;
    private final Subscription logSub;

    ShellSession(ShellOptions o, PrintWriter err) throws IOException {
        this.err = err;
        console = new Console(Links.create(o.port, o.baud));
        if (o.log != null) {
            logFile = Files.newOutputStream(o.log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logSub = console.subscribe("log", chunk -> {
                try {
                    logFile.write(chunk);
                    logFile.flush();
                } catch (IOException e) {
                    // the log is a convenience; the run goes on
                }
            });
        } else {
            logFile = null;
            logSub = null;
        }
        console.open();
        shell = new ShellDriver(console);
        shell.setTimeoutMs(o.timeoutSeconds * 1000L);
        Runtime.getRuntime().addShutdownHook(new Thread(cancel::cancel));
        err.println("Waiting for a shell on " + console.link().describe() + " ...");
        err.flush();
        shell.activate(o.password, Math.max(30_000, o.timeoutSeconds * 1000L));
        err.println("Shell prompt: " + shell.prompt());
        err.flush();
    }

    Steps steps() {
        return new Steps(shell, this::print, cancel);
    }

    private void print(StepEvent e) {
        switch (e.kind()) {
            case STARTED -> err.println("> " + e.step());
            case FINISHED -> {
                e.commands().forEach(c -> err.println("    $ " + c));
                err.println("  ok: " + indent(e.evidence()));
            }
            case FAILED -> {
                e.commands().forEach(c -> err.println("    $ " + c));
                err.println("  FAILED: " + indent(e.evidence()));
            }
            case CANCELLED -> err.println("  cancelled: " + e.evidence());
        }
        err.flush();
    }

    private static String indent(String s) {
        return s == null ? "" : s.replace("\n", "\n        ");
    }

    @Override
    public void close() {
        shell.close();
        console.close();
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
