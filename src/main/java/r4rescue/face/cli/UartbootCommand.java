package r4rescue.face.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import r4rescue.console.Console;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.uartboot.UartBoot;
import r4rescue.protocol.brom.HandshakeStatus;
import r4rescue.protocol.brom.UartBootException;
import r4rescue.protocol.brom.UartFailure;
import r4rescue.sim.SimHands;
import r4rescue.sim.SimLink;
import r4rescue.util.Texts;

/** {@code uartboot}: RAM BL2 through the Boot ROM, then the FIP through BL2, then U-Boot's prompt. */
@Command(name = "uartboot", mixinStandardHelpOptions = true)
public final class UartbootCommand implements Callable<Integer> {

    @Mixin
    PortOptions port;

    @Option(names = "--bl2", required = true, paramLabel = "FILE")
    Path bl2;

    @Option(names = "--fip", paramLabel = "FILE")
    Path fip;

    @Option(names = "--baud-fast", paramLabel = "N")
    Integer baudFast;

    @Option(names = "--no-fast")
    boolean noFast;

    @Option(names = "--json")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter talk = json ? err : out;
        byte[] bl2Bytes;
        byte[] fipBytes;
        try {
            bl2Bytes = read(bl2);
            fipBytes = fip == null ? null : read(fip);
        } catch (IllegalArgumentException e) {
            return refuse(err, e.getMessage());
        }
        UartBoot.Options d = UartBoot.Options.defaults(port.profile());
        Duration t = Duration.ofMillis(port.timeoutMillis(60_000));
        UartBoot.Options o = noFast ? new UartBoot.Options(0, 0, t, t)
                : baudFast != null ? new UartBoot.Options(baudFast, baudFast, t, t)
                : new UartBoot.Options(d.bromFastBaud(), d.bl2FastBaud(), t, t);
        return port.withConsole(console -> {
            Map<String, Object> j = new LinkedHashMap<>();
            Cancel cancel = new Cancel();
            try (CtrlC ctrlC = new CtrlC(cancel, err)) {
                ProgressPrinter progress = ProgressPrinter.onStdout(talk);
                Procedure p = new Procedure(e -> print(e, talk, progress), cancel);
                UartBoot.Result r = new UartBoot(port.profile(), console, listener(console, talk, err, progress), p)
                        .run(bl2Bytes, fipBytes, o);
                if (r.session() != null) {
                    r.session().close();
                }
                j.put("reached", r.reached() == UartBoot.Stage.UBOOT_PROMPT ? "uboot-prompt" : "bl2");
                j.put("secondsToBl2", r.millisToBl2() / 1000.0);
                if (r.millisToPrompt() >= 0) {
                    j.put("secondsToPrompt", r.millisToPrompt() / 1000.0);
                }
                j.put("bl2Baud", r.bl2Baud());
                j.put("fipBaud", r.fipBaud());
                j.put("notes", r.notes());
                if (json) {
                    printJson(out, j);
                } else {
                    out.println(Texts.t(r.reached() == UartBoot.Stage.UBOOT_PROMPT ? "cli.uartboot.at-prompt" : "cli.uartboot.bl2-waits"));
                }
                return MainCommand.OK;
            } catch (IllegalArgumentException e) {
                return refuse(err, e.getMessage());
            } catch (Stopped e) {
                err.println("r4-rescue: " + e.getMessage());
                return e.exitCode();
            } catch (UartBootException e) {
                err.println("r4-rescue: " + e.explanation());
                if (json) {
                    j.put("failure", e.failure().name());
                    j.put("explanation", e.explanation());
                    printJson(out, j);
                }
                return exitCode(e.failure());
            } finally {
                out.flush();
                err.flush();
            }
        });
    }

    static int exitCode(UartFailure f) {
        return switch (f) {
            case NO_ANSWER, NOT_LISTENING, OWN_ECHO, GARBAGE -> MainCommand.NO_LINK;
            default -> MainCommand.BOARD_SAID_NO;
        };
    }

    private UartBoot.Listener listener(Console console, PrintWriter talk, PrintWriter err, ProgressPrinter progress) {
        return new UartBoot.Listener() {
            private String lastStatus = "";

            @Override
            public void boardLine(String line) {
                progress.end();
                talk.println("  | " + line);
                talk.flush();
            }

            @Override
            public void powerCycleNow(String why) {
                progress.end();
                talk.println(why);
                talk.flush();
                if (console.link().unwrapped() instanceof SimLink sim) {
                    SimHands.powerCycleUnlessDownloading(sim.board());
                }
            }

            @Override
            public void handshake(HandshakeStatus s) {
                String text = s.describe();
                if (!json && !text.equals(lastStatus)) {
                    progress.end();
                    lastStatus = text;
                    err.println(text);
                    err.flush();
                }
            }
        };
    }

    /** Sentences as lines, a transfer's figures through the progress line. */
    private void print(Event e, PrintWriter talk, ProgressPrinter progress) {
        switch (e.kind()) {
            case INFO, WARNING -> {
                progress.end();
                talk.println(e.message());
                talk.flush();
            }
            case PROGRESS -> {
                if (!json) {
                    progress.update(e.progress());
                }
            }
            default -> { }
        }
    }

    private static byte[] read(Path f) throws java.io.IOException {
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(Texts.t("cli.no-such-file", f));
        }
        return Files.readAllBytes(f);
    }

    private static int refuse(PrintWriter err, String why) {
        err.println(Texts.t("cli.refused", Texts.t("cli.nothing-sent", why)));
        err.flush();
        return MainCommand.BAD_INPUT;
    }

    private static void printJson(PrintWriter out, Map<String, ?> j) throws java.io.IOException {
        out.println(new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(j));
    }
}
