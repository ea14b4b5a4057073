package r4rescue.face.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import r4rescue.link.LinkException;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.protocol.uboot.NoAnswerException;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.protocol.ymodem.YmodemException;
import r4rescue.util.Texts;

/**
 * The options every board subcommand shares, and the way they open the port, reach U-Boot and map
 * failures to exit codes; the port, baud, log and timeout options are the shared {@link PortOptions}.
 */
final class BoardOptions {

    @CommandLine.Mixin
    PortOptions link;

    @Option(names = "--json", descriptionKey = "board-options.json")
    boolean json;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /** Work done with an open session. */
    interface SessionWork {
        int run(UBootSession session) throws IOException;
    }

    /** {@code --timeout}, 120 s when not given: long enough for a board to boot to U-Boot. */
    Duration timeout() {
        return Duration.ofMillis(link.timeoutMillis(120_000));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Opens the port, reaches U-Boot (asking for a power cycle unless it is at the prompt already), runs {@code work}. */
    int withSession(boolean forcePowerCycle, SessionWork work) {
        return guarded(() -> link.withConsole(console -> {
            try (UBootSession s = forcePowerCycle
                    ? UBootSession.takeHold(console, timeout(), this::event)
                    : UBootSession.attachOrTakeHold(console, timeout(), this::event)) {
                return work.run(s);
            }
        }));
    }

    private void event(HoldEvent e) {
        if (e.kind() == HoldEvent.Kind.POWER_CYCLE_NOW) {
            err().println(Texts.t("cli.power-cycle-now"));
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
            err().println(Texts.t("cli.refused", e.getMessage()));
            return MainCommand.BAD_INPUT;
        } catch (UBootException e) {
            err().println(Texts.t("cli.uboot-said-no", e.getMessage()));
            return MainCommand.BOARD_SAID_NO;
        } catch (YmodemException e) {
            err().println(Texts.t("cli.transfer-failed", e.getMessage()));
            return MainCommand.BOARD_SAID_NO;
        } catch (NoAnswerException | LinkException e) {
            err().println(Texts.t("cli.no-answer", e));
            return MainCommand.NO_LINK;
        } catch (IOException e) {
            err().println(Texts.t("cli.link-failed", e.getMessage()));
            return MainCommand.NO_LINK;
        } catch (Exception e) {
            err().println(Texts.t("cli.failed", e));
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
