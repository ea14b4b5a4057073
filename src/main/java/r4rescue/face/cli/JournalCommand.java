package r4rescue.face.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import r4rescue.procedure.core.ExitCodes;
import r4rescue.procedure.core.JournalEntry;
import r4rescue.util.Texts;

/** {@code journal [--json]}, {@code journal --clear ID}: the procedures' journals in the user's state folder. */
@Command(name = "journal", mixinStandardHelpOptions = true)
public final class JournalCommand implements Callable<Integer> {

    private static final int RECENT = 10;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--clear", paramLabel = "ID")
    String clear;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<JournalEntry> all = JournalEntry.list(FlashJournal.dir());
        if (clear != null) {
            for (JournalEntry e : all) {
                if (e.id().equals(clear)) {
                    Files.delete(e.file());
                    out.println(Texts.t("cli.journal.dropped", e.id(), e.words()));
                    out.flush();
                    return ExitCodes.OK;
                }
            }
            err.println("r4-rescue: " + Texts.t("cli.journal.none", clear, FlashJournal.dir()));
            err.flush();
            return ExitCodes.REFUSED;
        }
        List<JournalEntry> shown = all.stream().filter(e -> e.unfinished() || all.indexOf(e) < RECENT).toList();
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode a = m.createArrayNode();
            shown.forEach(e -> a.add(e.toJson()));
            out.println(m.writeValueAsString(a));
        } else if (shown.isEmpty()) {
            out.println(Texts.t("cli.journal.empty", FlashJournal.dir()));
        } else {
            for (JournalEntry e : shown) {
                out.printf("%s  %-11s %s%n    %s%n", e.startedText(), Texts.t(e.unfinished() ? "cli.journal.unfinished" : "cli.journal.finished"), e.id(),
                        e.words());
            }
            if (shown.stream().anyMatch(JournalEntry::unfinished)) {
                out.println(Texts.t("cli.journal.resume-hint"));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
