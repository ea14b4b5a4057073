package r4rescue.face.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import r4rescue.board.BoardProfile;
import r4rescue.console.ByteSink;
import r4rescue.console.Console;
import r4rescue.console.PasswordMask;
import r4rescue.console.Subscription;
import r4rescue.link.LatencyTimer;
import r4rescue.link.LinkException;
import r4rescue.link.LinkState;
import r4rescue.link.Links;
import r4rescue.util.Texts;

/**
 * The options of every subcommand that talks to the board, so they read the same everywhere:
 * {@code -p/--port}, {@code -b/--baud} (115200), {@code --log FILE}, {@code --timeout SECONDS}.
 * Use it as a picocli mixin and run the command's work inside {@link #withConsole}:
 * <pre>
 *   &#64;Mixin PortOptions port;
 *   public Integer call() {
 *       return port.withConsole(console -&gt; { ...; return MainCommand.OK; });
 *   }
 * </pre>
 * A link that cannot be opened (or is lost) ends the command with {@link MainCommand#NO_LINK},
 * its message and fix on stderr.
 */
public final class PortOptions {

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT")
    public String port;

    @Option(names = {"-b", "--baud"}, defaultValue = "115200", paramLabel = "BAUD")
    public int baud;

    @Option(names = "--log", paramLabel = "FILE")
    public Path log;

    @Option(names = "--timeout", paramLabel = "SECONDS")
    public Double timeout;

    @Option(names = "--board", defaultValue = BoardProfile.DEFAULT_ID, paramLabel = "ID")
    public String board;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The profile {@code --board} names. @throws IllegalArgumentException no such board (the command's "Refused") */
    public BoardProfile profile() {
        return BoardProfile.load(board);
    }

    /** The work a command does on an open console; returns the exit code. */
    @FunctionalInterface
    public interface Session {
        int run(Console console) throws Exception;
    }

    /** {@code --timeout} in milliseconds, or {@code defaultMillis} when not given. */
    public long timeoutMillis(long defaultMillis) {
        return timeout == null ? defaultMillis : Math.round(timeout * 1000);
    }

    /**
     * Opens a console on {@code --port} at {@code --baud} (logging to {@code --log}), runs
     * {@code session}, and closes everything. A {@link LinkException} — on open or during the
     * session — prints its message and fix and returns {@link MainCommand#NO_LINK}.
     */
    public int withConsole(Session session) throws Exception {
        profile(); // an unknown --board is refused before the port is opened
        PrintWriter err = mixee.commandLine().getErr();
        OutputStream logFile;
        try {
            if (log != null && !java.nio.file.Files.exists(log)) {
                r4rescue.util.PrivateFiles.newFile(log); // a transcript can hold keys and MACs: 0600
            }
            logFile = log == null ? null : new FileOutputStream(log.toFile(), true);
        } catch (IOException e) {
            err.println("r4-rescue: " + Texts.t("cli.log-unwritable", log, e.getMessage()));
            err.flush();
            return MainCommand.BAD_INPUT;
        }
        Console console = null;
        Subscription logging = null;
        CliSession record = CliSession.start(mixee, port);
        int code = MainCommand.NO_LINK;
        try {
            console = new Console(record == null ? Links.create(port, baud) : record.wrap(Links.create(port, baud)));
            if (logFile != null) {
                logging = console.subscribe("log", rawLog(logFile));
            }
            if (record != null) {
                record.attach(console);
            }
            console.open();
            LatencyTimer.warning(port).ifPresent(w -> {
                err.println("r4-rescue: " + w);
                err.flush();
            });
            code = session.run(console);
            return code;
        } catch (LinkException e) {
            return explain(err, e);
        } finally {
            if (console != null) {
                console.close();
            }
            if (record != null) {
                record.end(code);
                record.close();
            }
            if (logging != null) {
                drain(logging);
                logging.close();
            }
        }
    }

    /** Prints a link problem the way every command does; returns {@link MainCommand#NO_LINK}. */
    public static int explain(PrintWriter err, LinkException e) {
        err.println("r4-rescue: " + e.getMessage());
        if (e.fix() != null) {
            err.println(Texts.t("cli.fix", e.fix()));
        }
        err.flush();
        return MainCommand.NO_LINK;
    }

    /**
     * Unbuffered, so the log holds everything received even if the program dies; what is typed at a
     * {@code Password:} prompt is masked.
     */
    static ByteSink rawLog(OutputStream file) {
        PasswordMask mask = new PasswordMask();
        return new ByteSink() {
            @Override
            public void onBytes(byte[] chunk) {
                try {
                    file.write(mask.apply(chunk));
                } catch (IOException e) {
                    // A full disk must not stop the session; the console still shows everything.
                }
            }

            @Override
            public void onState(LinkState state, String detail) {
                if (state == LinkState.CLOSED) {
                    try {
                        file.close();
                    } catch (IOException e) {
                        // nothing more to write
                    }
                }
            }
        };
    }

    private static void drain(Subscription s) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2000;
        while (s.pendingBytes() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
    }
}
