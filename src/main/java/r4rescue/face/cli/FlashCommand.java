package r4rescue.face.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.ExitCodes;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.flash.ConsoleShell;
import r4rescue.procedure.flash.FlashImage;
import r4rescue.procedure.flash.FlashRefused;
import r4rescue.procedure.flash.FlashReport;
import r4rescue.procedure.flash.ImageCheck;
import r4rescue.procedure.flash.Role;
import r4rescue.procedure.flash.ShellFlash;
import r4rescue.procedure.flash.UBootFlash;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellException;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.protocol.uboot.NoAnswerException;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Hex;
import r4rescue.util.Texts;

/** {@code flash FILE --part bl2|fip}: the whole safe sequence from U-Boot. */
@Command(name = "flash", mixinStandardHelpOptions = true)
public final class FlashCommand implements Callable<Integer> {

    @Mixin
    PortOptions port;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--part", required = true, paramLabel = "NAME")
    String part;

    @Option(names = "--medium", paramLabel = "MEDIUM")
    String medium;

    @Option(names = "--yes")
    boolean yes;

    @Option(names = "--decompress")
    boolean decompress;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--shell")
    boolean shell;

    @Mixin
    PasswordOptions password;
    private java.util.function.Supplier<String> passwordSource;

    @Option(names = "--addr", paramLabel = "ADDR")
    String addr;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        PrintWriter result = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = json ? err : result;
        FlashImage image;
        Long loadAddr;
        try {
            Role role = Role.parse(part);
            loadAddr = addr == null ? null : parseAddr(addr);
            image = new ImageCheck(port.profile()).check(file, role, parseMedium(medium), decompress);
            passwordSource = shell ? password.source() : null;
        } catch (FlashRefused | IllegalArgumentException e) {
            return refuse(err, Texts.t("cli.nothing-sent", e.getMessage()));
        }
        out.println(Texts.t(image.decompressed() ? "cli.flash.file-gzip" : "cli.flash.file", image.name(), image.info().detail(),
                String.format(Locale.ROOT, "%08x", image.crc32())));
        out.flush();
        if (!yes) {
            java.io.Console tty = System.console();
            if (tty == null) {
                return refuse(err, Texts.t("cli.flash.no-terminal", image.role().lower()));
            }
            String answer = tty.readLine("%s", Texts.t("cli.flash.confirm", image.role().lower()));
            if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
                return refuse(err, Texts.t("cli.nothing-sent", Texts.t("cli.not-confirmed")));
            }
        }
        return port.withConsole(console -> shell ? viaShell(console, image, out, result, err)
                : viaUBoot(console, image, loadAddr, out, result, err));
    }

    private int viaUBoot(Console console, FlashImage image, Long loadAddr, PrintWriter out, PrintWriter result,
                         PrintWriter err) throws Exception {
        UBootSession session;
        try {
            session = UBootSession.attachOrTakeHold(console, Duration.ofMillis(port.timeoutMillis(120_000)),
                    e -> holdEvent(out, e));
        } catch (NoAnswerException e) {
            err.println("r4-rescue: " + Texts.t("cli.nothing-written", e.getMessage()));
            err.flush();
            return MainCommand.NO_LINK;
        } catch (UBootException e) {
            err.println("r4-rescue: " + Texts.t("cli.nothing-written", e.getMessage()));
            err.flush();
            return MainCommand.BOARD_SAID_NO;
        }
        try (session) {
            ProgressPrinter progress = progress(json, out);
            Procedure p = procedure(out, err, image, console, loadAddr, progress);
            return finish(p, progress, () -> new UBootFlash(session, port.profile(), image, p, loadAddr).run(), json, out,
                    result, err);
        }
    }

    private int viaShell(Console console, FlashImage image, PrintWriter out, PrintWriter result, PrintWriter err)
            throws Exception {
        try (ShellDriver driver = new ShellDriver(console)) {
            try {
                driver.activateWith(passwordSource, port.timeoutMillis(30_000));
            } catch (ShellException e) {
                err.println("r4-rescue: " + Texts.t("cli.nothing-written", e.getMessage() + "."));
                err.flush();
                return MainCommand.NO_LINK;
            }
            out.println("   " + Texts.t("cli.shell-prompt", driver.prompt()));
            ProgressPrinter progress = progress(json, out);
            Procedure p = procedure(out, err, image, console, null, progress);
            return finish(p, progress, () -> new ShellFlash(new ConsoleShell(driver), port.profile(), image, p).run(), json,
                    out, result, err);
        }
    }

    /** A flash run by either route. */
    interface Run {
        FlashReport run() throws Stopped;
    }

    /** The flash's procedure, printing its events, with a journal of the run (a resume needs all of the header). */
    private Procedure procedure(PrintWriter out, PrintWriter err, FlashImage image, Console console, Long loadAddr,
                                ProgressPrinter progress) {
        Procedure p = printing(out, BoardState.untouched(Texts.t("cli.untouched")), progress);
        FlashJournal.start(p, "flash", err, port, console, Map.of(
                "title", image.role().name() + " flash",
                "part", image.role().lower(),
                "route", shell ? "shell" : "uboot",
                "file", FlashJournal.file(file, image),
                "medium", medium == null ? "" : medium,
                "decompress", decompress,
                "addr", addr == null ? "" : addr));
        return p;
    }

    /** Transfer progress on {@code out}: stdout's, or stderr's when stdout carries the JSON result. */
    static ProgressPrinter progress(boolean json, PrintWriter out) {
        return json ? ProgressPrinter.onStderr(out) : ProgressPrinter.onStdout(out);
    }

    /** A procedure for a board in {@code state}, its events printed as lines on {@code out}, transfers through {@code progress}. */
    static Procedure printing(PrintWriter out, BoardState state, ProgressPrinter progress) {
        return new Procedure(new Printer(out, progress)::print, new Cancel(), state);
    }

    /**
     * Runs a flash on {@code p} (Ctrl-C is its cancel), prints the outcome, ends its journal and
     * returns the exit code; {@code resume} ends the same way.
     */
    static int finish(Procedure p, ProgressPrinter progress, Run run, boolean json, PrintWriter out, PrintWriter result,
                      PrintWriter err) throws Exception {
        try (CtrlC ctrlC = new CtrlC(p.cancel(), err)) {
            FlashReport r;
            try {
                r = run.run();
            } finally {
                progress.end();
            }
            p.finish(null);
            summary(out, r);
            if (r.cancelIgnored()) {
                out.println(Texts.t("cli.board-state", p.state()));
                out.flush();
            }
            if (json) {
                ObjectNode o = JSON.valueToTree(r);
                o.put("ok", true);
                o.put("state", "verified");
                result.println(JSON.writeValueAsString(o));
                result.flush();
            }
            return MainCommand.OK;
        } catch (FlashRefused e) {
            p.finish(p.refused(e.getMessage()));
            return refuse(err, e.getMessage());
        } catch (Stopped e) {
            p.finish(e);
            out.flush();
            String state = flashState(e.state());
            err.println("r4-rescue: " + Texts.t(e.kind() == Stopped.Kind.CANCELLED ? "cli.flash.cancelled-at" : "cli.flash.failed-at",
                    e.step(), stateWords(state), e.getMessage()));
            err.println(Texts.t("cli.board-state", e.state()));
            err.flush();
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("ok", false);
                o.put("state", state);
                o.put("step", e.stepEnglish());
                o.put("message", e.english());
                o.put("messageId", e.message().key());
                result.println(JSON.writeValueAsString(o));
                result.flush();
            }
            return ExitCodes.of(e);
        }
    }

    /** The flash's state in one word, as the JSON and the FAILED line have always said it. */
    private static String flashState(BoardState s) {
        return switch (s.kind()) {
            case UNTOUCHED -> "untouched";
            case VERIFIED -> "verified";
            default -> "damaged";
        };
    }

    /** {@link #flashState}'s word in the user's language. */
    private static String stateWords(String state) {
        return switch (state) {
            case "untouched" -> Texts.t("cli.flash.state.untouched");
            case "verified" -> Texts.t("cli.flash.state.verified");
            default -> Texts.t("cli.flash.state.damaged");
        };
    }

    private static void summary(PrintWriter out, FlashReport r) {
        out.println(Texts.t("cli.flash.ok", r.file(), r.place()));
        out.println(Texts.t("cli.flash.figures", String.format("%,d", r.loadedBytes()), String.format("%,d", r.fileBytes()),
                String.format("%.1f", r.loadMillis() / 1000.0), String.format("%,.0f", r.loadBytesPerSecond()),
                String.format("%.1f", r.writeMillis() / 1000.0), String.format("%.1f", r.totalMillis() / 1000.0)));
        out.print(Texts.t("cli.flash.hashes", r.hashName(), r.hostHash(), r.loadHash()));
        for (FlashReport.CopyCheck c : r.copies()) {
            out.printf(" %s@0x%x", c.boardHash(), c.offset());
        }
        out.println();
        out.flush();
    }

    private static void holdEvent(PrintWriter out, HoldEvent e) {
        if (e.kind() == HoldEvent.Kind.POWER_CYCLE_NOW) {
            out.println(Texts.t("cli.flash.power-cycle"));
        } else {
            out.println("  " + e.message());
        }
        out.flush();
    }

    private static int refuse(PrintWriter err, String message) {
        String m = message.strip();
        err.println("r4-rescue: " + Texts.t("cli.refused-lower", m.replaceAll("([^.!?])( Nothing was sent)", "$1.$2")));
        err.flush();
        return MainCommand.BAD_INPUT;
    }

    static Medium parseMedium(String m) {
        if (m == null) {
            return null;
        }
        return switch (m.strip().toLowerCase(Locale.ROOT)) {
            case "snand", "nand", "spi-nand", "spinand" -> Medium.SNAND;
            case "emmc" -> Medium.EMMC;
            case "sd", "sdmmc", "sdcard" -> Medium.SD;
            default -> throw new IllegalArgumentException(Texts.t("cli.flash.unknown-medium", m));
        };
    }

    private static long parseAddr(String a) {
        try {
            return Hex.parse(a);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Texts.t("cli.flash.bad-address", a));
        }
    }

    /** Prints events as lines; transfer progress through the {@link ProgressPrinter}. */
    private static final class Printer {
        private final PrintWriter out;
        private final ProgressPrinter progress;

        Printer(PrintWriter out, ProgressPrinter progress) {
            this.out = out;
            this.progress = progress;
        }

        void print(Event e) {
            if (e.kind() == Event.Kind.PROGRESS) {
                progress.update(e.progress());
                return;
            }
            progress.end();
            switch (e.kind()) {
                case STEP -> out.println("== " + e.step() + ": " + e.message());
                case COMMAND -> out.println("   > " + e.message());
                case INFO -> out.println("   " + e.message());
                case WARNING -> out.println("   ! " + e.message());
                case STATE -> out.println("   " + Texts.t("cli.flash.board", e.state()));
                default -> { }
            }
            out.flush();
        }
    }
}
