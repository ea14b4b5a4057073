package r4rescue.face.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import r4rescue.console.Console;
import r4rescue.link.LinkException;
import r4rescue.link.Links;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.protocol.uboot.NoAnswerException;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.protocol.ymodem.YmodemException;

/**
 * The options every board subcommand shares, and the way they open the port, reach U-Boot and map
 * failures to exit codes. Stand-in until the shared PortOptions mixin is merged.
 */
final class BoardOptions {

    @Option(names = {"-p", "--port"}, required = true, description = "Serial device, tcp:HOST:PORT or sim:SCENARIO")
    String port;

    @Option(names = {"-b", "--baud"}, defaultValue = "115200", description = "Line rate (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--log", description = "Append everything the board says to FILE")
    Path log;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for the board (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the result as JSON")
    boolean json;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** Work done with an open session. */
    interface SessionWork {
        int run(UBootSession session) throws IOException;
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Opens the port, reaches U-Boot (asking for a power cycle unless it is at the prompt already), runs {@code work}. */
    int withSession(boolean forcePowerCycle, SessionWork work) {
        return guarded(() -> {
            try (Console console = new Console(Links.create(port, baud))) {
                OutputStream logOut = log == null ? null : new FileOutputStream(log.toFile(), true);
                if (logOut != null) {
                    console.subscribe("log", chunk -> {
                        try {
                            logOut.write(chunk);
                            logOut.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                console.open();
                try (UBootSession s = forcePowerCycle
                        ? UBootSession.takeHold(console, timeout(), this::event)
                        : UBootSession.attachOrTakeHold(console, timeout(), this::event)) {
                    return work.run(s);
                } finally {
                    if (logOut != null) {
                        logOut.close();
                    }
                }
            }
        });
    }

    private void event(HoldEvent e) {
        if (e.kind() == HoldEvent.Kind.POWER_CYCLE_NOW) {
            err().println("Power-cycle the board now");
        } else if (!json) {
            err().println(e.message());
        }
        err().flush();
    }

    /** Runs {@code body} and turns failures into the documented exit codes with a message on stderr. */
    int guarded(Callable<Integer> body) {
        try {
            return body.call();
        } catch (IllegalArgumentException e) {
            err().println("Refused: " + e.getMessage());
            return MainCommand.BAD_INPUT;
        } catch (UBootException e) {
            err().println("U-Boot said no: " + e.getMessage());
            return MainCommand.BOARD_SAID_NO;
        } catch (YmodemException e) {
            err().println("Transfer failed: " + e.getMessage());
            return MainCommand.BOARD_SAID_NO;
        } catch (NoAnswerException | LinkException e) {
            err().println("No answer: " + e);
            return MainCommand.NO_LINK;
        } catch (IOException e) {
            err().println("Link failed: " + e.getMessage());
            return MainCommand.NO_LINK;
        } catch (Exception e) {
            err().println("Failed: " + e);
            return MainCommand.BOARD_SAID_NO;
        } finally {
            err().flush();
            out().flush();
        }
    }

    /** Prints {@code fields} as one JSON object. */
    void printJson(Map<String, ?> fields) {
        try {
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
