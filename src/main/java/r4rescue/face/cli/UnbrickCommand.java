package r4rescue.face.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import r4rescue.board.BoardProfile;
import r4rescue.board.DramSize;
import r4rescue.console.Console;
import r4rescue.link.BenchControls;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ExitCodes;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.strategy.BoardStrategy;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.procedure.unbrick.CardRam;
import r4rescue.procedure.unbrick.EmmcImage;
import r4rescue.procedure.unbrick.EmmcInstall;
import r4rescue.procedure.unbrick.MenuInstall;
import r4rescue.procedure.unbrick.SdImageCheck;
import r4rescue.procedure.unbrick.SdUnbrick;
import r4rescue.util.Texts;

/** {@code unbrick --via sd}: the wizard's SD-card rescue as a dialogue on the terminal. */
@Command(name = "unbrick", mixinStandardHelpOptions = true)
public final class UnbrickCommand implements Callable<Integer> {

    @Mixin
    PortOptions port;

    @Option(names = "--via", required = true, paramLabel = "ROUTE")
    String via;

    @Option(names = "--target", paramLabel = "MEDIUM", defaultValue = "nand")
    String target;

    @Option(names = "--image", paramLabel = "FILE")
    Path image;

    @Option(names = "--ram", paramLabel = "SIZE")
    String ram;

    @Option(names = "--yes")
    boolean yes;

    @Option(names = "--json")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter result = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = json ? err : result;
        if (!"sd".equalsIgnoreCase(via.strip())) {
            return refuse(err, Texts.t("cli.unbrick.unknown-route", via));
        }
        boolean toEmmc = "emmc".equalsIgnoreCase(target.strip());
        if (!toEmmc && !"nand".equalsIgnoreCase(target.strip())) {
            return refuse(err, Texts.t("emmc.cli.unknownTarget", target));
        }
        java.io.Console tty = System.console();
        if (!yes && tty == null) {
            return refuse(err, Texts.t("cli.unbrick.no-terminal"));
        }
        BoardProfile board = port.profile();
        ProgressPrinter progress = FlashCommand.progress(json, out);
        Procedure p = FlashCommand.printing(out, BoardState.untouched(Texts.t("cli.untouched")), progress);
        try (CtrlC ctrlC = new CtrlC(p.cancel(), err)) {
            // the file is refused before the port is opened
            SdImageCheck.Report r = image == null ? null : SdUnbrick.checkImage(board, image, p);
            Integer gib = null;
            if (ram != null) {
                gib = ram.strip().equalsIgnoreCase("4g") ? 4 : ram.strip().equalsIgnoreCase("8g") ? 8 : null;
                if (gib == null) {
                    return refuse(err, Texts.t("emmc.ram.badValue", ram));
                }
            }
            DramSize.Variant built = image == null ? null : CardRam.of(board, image).orElse(null);
            if (built != null && gib == null && !yes) {
                String answer = tty.readLine("%s ", Texts.t("emmc.ram.ask", Integer.toString(built.gib()), built.evidence()));
                gib = answer == null ? null : answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("8") ? Integer.valueOf(8)
                        : answer.strip().startsWith("4") ? Integer.valueOf(4) : null;
            }
            String wrongRam = built == null || gib == null ? null : CardRam.refusal(board, image, built, gib);
            if (wrongRam != null) {
                return refuse(err, wrongRam);
            }
            if (toEmmc) {
                err.println(Texts.t("emmc.cli.alsoEmmc"));
            }
            if (!yes) {
                String answer = tty.readLine("%s", Texts.t("cli.unbrick.confirm"));
                if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
                    return refuse(err, Texts.t("cli.not-confirmed"));
                }
            }
            EmmcInstall.Host host = toEmmc && image != null ? EmmcImage.crcs(board, image, p) : EmmcInstall.Host.NONE;
            return port.withConsole(console -> run(board, console, r, host, toEmmc, built, p, tty, out, result));
        } catch (Stopped e) {
            return stopped(e, p, out, result, err);
        } finally {
            progress.end();
        }
    }

    private int run(BoardProfile board, Console console, SdImageCheck.Report image, EmmcInstall.Host host, boolean toEmmc,
                    DramSize.Variant built, Procedure p, java.io.Console tty, PrintWriter out, PrintWriter result) throws Stopped {
        BenchControls bench = console.link().bench().orElse(null);
        BoardStrategy.Hands hands = instruction -> {
            out.println(">>> " + instruction);
            out.flush();
            if (!yes && tty != null) {
                tty.readLine("    %s", Texts.t("cli.unbrick.press-enter"));
            }
        };
        try (BootLogWatch watch = new BootLogWatch(console)) {
            SdUnbrick unbrick = new SdUnbrick(board, new BoardStrategy(board, console, watch, bench, hands));
            if (built != null) {
                unbrick.checkingRam(this.image, built);
            }
            if (toEmmc) {
                return emmcDone(unbrick.runToEmmc(image, host, p), p, out, result);
            }
            SdUnbrick.Outcome o = unbrick.run(image, p);
            out.println(Texts.t("cli.unbrick.ok", o.nandBoot().bootDevice(), o.checks().size()));
            out.flush();
            if (json) {
                ObjectNode j = json(true, p);
                putChecks(j, o.checks());
                j.put("bootDevice", o.nandBoot().bootDevice());
                if (o.image() != null) {
                    j.put("imageSha256", o.image().sha256());
                }
                result.println(j);
                result.flush();
            }
            return ExitCodes.OK;
        }
    }

    private int emmcDone(SdUnbrick.EmmcOutcome o, Procedure p, PrintWriter out, PrintWriter result) {
        List<MenuInstall.Check> all = new ArrayList<>(o.nand().checks());
        all.addAll(o.checks());
        out.println(Texts.t("emmc.cli.ok", o.emmcBoot().bootDevice(), Integer.toString(all.size())));
        out.flush();
        if (json) {
            ObjectNode j = json(true, p);
            putChecks(j, all);
            j.put("bootDevice", o.emmcBoot().bootDevice());
            j.put("nandBootDevice", o.nand().nandBoot().bootDevice());
            j.put("bootPartitionEnable", o.partconf().bootPartitionEnable());
            if (o.nand().image() != null) {
                j.put("imageSha256", o.nand().image().sha256());
            }
            result.println(j);
            result.flush();
        }
        return ExitCodes.OK;
    }

    private static void putChecks(ObjectNode j, List<MenuInstall.Check> all) {
        ArrayNode checks = j.putArray("checks");
        for (MenuInstall.Check k : all) {
            checks.addObject().put("what", k.english()).put("expected", String.format("%08x", k.expected()))
                    .put("actual", String.format("%08x", k.actual())).put("ok", k.ok());
        }
    }

    private int stopped(Stopped e, Procedure p, PrintWriter out, PrintWriter result, PrintWriter err) {
        out.flush();
        err.println("r4-rescue: " + Texts.t(e.kind() == Stopped.Kind.REFUSED ? "cli.unbrick.refused-at" : e.kind() == Stopped.Kind.CANCELLED
                ? "cli.unbrick.cancelled-at" : "cli.unbrick.failed-at", e.step(), e.getMessage()));
        err.println(Texts.t("cli.board-state", e.state()));
        err.flush();
        if (json) {
            ObjectNode j = json(false, p);
            j.put("step", e.stepEnglish());
            j.put("message", e.english());
            j.put("messageId", e.message().key());
            result.println(j);
            result.flush();
        }
        return e.exitCode();
    }

    private static ObjectNode json(boolean ok, Procedure p) {
        ObjectNode j = new ObjectMapper().createObjectNode();
        j.put("ok", ok);
        j.put("state", p.state().kind().name().toLowerCase(java.util.Locale.ROOT));
        j.put("stateWords", p.state().english());
        return j;
    }

    private static int refuse(PrintWriter err, String message) {
        err.println("r4-rescue: " + Texts.t("cli.refused-lower", Texts.t("cli.nothing-sent", message)));
        err.flush();
        return ExitCodes.REFUSED;
    }
}
