package r4rescue.face.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import r4rescue.console.bootlog.BaudGuesser;
import r4rescue.console.bootlog.BootDiagnosis;
import r4rescue.console.bootlog.Finding;
import r4rescue.console.bootlog.FixCatalog;
import r4rescue.console.bootlog.SavedLog;
import r4rescue.console.bootlog.StageMark;
import r4rescue.util.Texts;

/** {@code diagnose FILE|-}: where a captured boot log stopped, why, and which fix to run. */
@Command(name = "diagnose", mixinStandardHelpOptions = true)
public final class DiagnoseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE|-")
    String file;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--baud", paramLabel = "RATE", defaultValue = "115200")
    int captureBaud;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] raw;
        try {
            raw = read(file);
        } catch (IOException | RuntimeException e) {
            err.println(Texts.t("cli.diagnose.unreadable", file, e.getMessage()));
            return MainCommand.BAD_INPUT;
        }
        BootDiagnosis d = SavedLog.diagnose(raw);
        BaudGuesser.Guess baud = d.outcome() == BootDiagnosis.Outcome.NOISE ? BaudGuesser.standard().guess(raw, captureBaud) : null;
        if (json) {
            out.println(toJson(d, baud));
        } else {
            report(d, baud, out);
        }
        out.flush();
        return d.complete() ? MainCommand.OK : MainCommand.BOARD_SAID_NO;
    }

    private static byte[] read(String file) throws IOException {
        if ("-".equals(file)) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of(file));
    }

    static String toJson(BootDiagnosis d, BaudGuesser.Guess baud) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = m.createObjectNode();
        o.put("outcome", d.outcome().name());
        o.put("lastStage", d.lastStage().name());
        ArrayNode stages = o.putArray("stages");
        for (StageMark s : d.stages()) {
            stages.addObject().put("stage", s.stage().name()).put("line", s.line()).put("text", s.text());
        }
        o.put("bootDevice", d.bootDevice());
        ObjectNode versions = o.putObject("versions");
        for (Map.Entry<String, String> e : d.versions().entrySet()) {
            versions.put(e.getKey(), e.getValue());
        }
        o.put("rootDevice", d.rootDevice());
        o.put("rootMounted", d.rootMounted());
        if (d.failure() == null) {
            o.putNull("failure");
        } else {
            o.set("failure", finding(o.objectNode(), d.failure()));
        }
        ArrayNode warnings = o.putArray("warnings");
        d.warnings().forEach(w -> finding(warnings.addObject(), w));
        o.put("bootMenu", d.bootMenu());
        o.put("ubootPrompt", d.ubootPrompt());
        o.put("shellPrompt", d.shellPrompt());
        ArrayNode prev = o.putArray("previousBoots");
        for (BootDiagnosis.PreviousBoot p : d.previousBoots()) {
            prev.addObject().put("lastStage", p.lastStage().name()).put("line", p.line()).put("failure", p.failureId());
        }
        if (baud != null) {
            ObjectNode b = o.putObject("baud");
            b.put("captureBaud", baud.captureBaud());
            if (baud.rate() > 0) {
                b.put("likelyRate", baud.rate());
            } else {
                b.putNull("likelyRate");
            }
            b.put("confident", baud.confident());
            b.put("noteId", baud.note().key());
            b.put("note", baud.note().english());
        }
        try {
            return m.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode finding(ObjectNode n, Finding f) {
        n.put("id", f.id());
        n.put("summary", f.summary());
        n.put("cause", f.cause());
        n.put("fix", f.fix());
        FixCatalog.Fix x = FixCatalog.standard().get(f.fix());
        n.put("fixAction", x.action());
        n.put("fixExplanation", x.explanation());
        n.put("fixCommand", x.command());
        n.put("fixWizard", x.wizard());
        if (f.line() > 0) {
            n.put("line", f.line());
        } else {
            n.putNull("line");
        }
        n.put("text", f.text());
        if (f.detail() != null) {
            n.put("detail", f.detail());
        }
        return n;
    }

    private static void report(BootDiagnosis d, BaudGuesser.Guess baud, PrintWriter out) {
        out.println(Texts.t("cli.diagnose.outcome", describe(d)));
        StringBuilder chain = new StringBuilder();
        for (StageMark s : d.stages()) {
            chain.append(chain.length() == 0 ? "" : " -> ").append(Texts.t("cli.diagnose.stage-at", s.stage(), s.line()));
        }
        out.println(Texts.t("cli.diagnose.stages", chain.length() == 0 ? Texts.t("cli.diagnose.no-stage") : chain));
        out.println(Texts.t("cli.diagnose.boot-device", d.bootDevice() == null ? Texts.t("cli.diagnose.unknown") : d.bootDevice()));
        d.versions().forEach((k, v) -> out.println(Texts.t("cli.diagnose.version", k, v)));
        if (d.rootDevice() != null) {
            out.println(Texts.t(d.rootMounted() ? "cli.diagnose.root-mounted" : "cli.diagnose.root-not-mounted", d.rootDevice()));
        }
        if (!d.previousBoots().isEmpty()) {
            out.println(Texts.t("cli.diagnose.boots", d.previousBoots().size() + 1));
        }
        for (Finding w : d.warnings()) {
            out.println(Texts.t("cli.diagnose.warning", w.line(), w.summaryText()));
        }
        Finding f = d.failure();
        if (f != null) {
            out.println();
            out.println(Texts.t("cli.diagnose.what", f.summaryText()));
            if (f.line() > 0) {
                out.println(f.text() == null ? Texts.t("cli.diagnose.evidence", f.line())
                        : Texts.t("cli.diagnose.evidence-text", f.line(), f.text()));
            }
            if (f.note() != null) {
                out.println(Texts.t("cli.diagnose.detail", f.detailText()));
            }
            out.println(Texts.t("cli.diagnose.cause", f.causeText()));
            FixCatalog.Fix x = FixCatalog.standard().get(f.fix());
            out.println(Texts.t("cli.diagnose.fix", x.actionText(), x.explanationText()));
            if (x.command() != null) {
                out.println(Texts.t("cli.diagnose.command", x.command()));
            }
            if (x.wizard() != null) {
                out.println(Texts.t("cli.diagnose.wizard", x.wizardText()));
            }
        }
        if (baud != null) {
            out.println(Texts.t("cli.diagnose.baud", baud.note().text()));
        }
    }

    private static String describe(BootDiagnosis d) {
        return switch (d.outcome()) {
            case COMPLETE -> Texts.t("cli.diagnose.complete");
            case FAILED -> Texts.t("cli.diagnose.failed", d.lastStage());
            case WAITING -> Texts.t(d.ubootPrompt() ? "cli.diagnose.waiting-prompt" : "cli.diagnose.waiting-menu");
            case SILENT -> Texts.t("cli.diagnose.silent");
            case NOISE -> Texts.t("cli.diagnose.noise");
            case UNRECOGNISED -> Texts.t("cli.diagnose.unrecognised");
        };
    }
}
