package r4rescue.face.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.console.Subscription;
import r4rescue.console.bootlog.BootDiagnosis;
import r4rescue.console.bootlog.SavedLog;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ExitCodes;
import r4rescue.procedure.core.Journal;
import r4rescue.procedure.core.JournalEntry;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.flash.FlashImage;
import r4rescue.procedure.flash.FlashLayouts;
import r4rescue.procedure.flash.FlashRefused;
import r4rescue.procedure.flash.ImageCheck;
import r4rescue.procedure.flash.Role;
import r4rescue.procedure.flash.UBootFlash;
import r4rescue.protocol.uboot.NoAnswerException;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Hashes;
import r4rescue.util.Hex;
import r4rescue.util.Texts;

/**
 * {@code resume}: the newest unfinished procedure, said in plain words, then the board is asked what
 * it holds now (nothing is assumed from the journal): reconnect, stop it in U-Boot, read the place
 * back and compare it with the file. Verified → the journal is closed; not → the flash goes on from
 * the load (RAM is not trusted after the break); no U-Boot after an erase began → the SD rescue.
 */
@Command(name = "resume", mixinStandardHelpOptions = true)
public final class ResumeCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, paramLabel = "PORT")
    String portName;

    @Option(names = {"-b", "--baud"}, paramLabel = "BAUD")
    Integer baud;

    @Option(names = "--timeout", paramLabel = "SECONDS")
    Double timeout;

    @Option(names = "--yes")
    boolean yes;

    @Option(names = "--json")
    boolean json;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        PrintWriter result = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = json ? err : result;
        Optional<JournalEntry> found = JournalEntry.newestUnfinished(FlashJournal.dir());
        if (found.isEmpty()) {
            out.println(Texts.t("cli.resume.nothing", FlashJournal.dir()));
            out.flush();
            return ExitCodes.OK;
        }
        JournalEntry j = found.get();
        JsonNode h = j.header();
        out.println(j.words());
        out.flush();
        if (MigrateJournal.resumable(j)) {
            return resumeMigration(j, out, result, err);
        }
        if (!"flash".equals(j.procedure()) || !"uboot".equals(h.path("route").asText())) {
            return refuse(err, Texts.t("cli.resume.by-hand", j.procedure(), h.path("route").asText("?"), j.id()));
        }
        PortOptions port = port(h);
        FlashImage image;
        Long loadAddr;
        try {
            image = sameFile(h.path("file"), port, h);
            String a = h.path("addr").asText("");
            loadAddr = a.isEmpty() ? null : Hex.parse(a);
        } catch (FlashRefused | IllegalArgumentException e) {
            return refuse(err, Texts.t("cli.nothing-sent", e.getMessage()));
        }
        if (!yes) {
            java.io.Console tty = System.console();
            String answer = tty == null ? null : tty.readLine("%s", Texts.t("cli.resume.confirm", image.role().lower()));
            if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
                return refuse(err, Texts.t("cli.nothing-sent", Texts.t(tty == null ? "cli.resume.no-terminal" : "cli.not-confirmed")));
            }
        }
        return port.withConsole(console -> resume(console, j, port, image, loadAddr, out, result, err));
    }

    /** A migration (root=, one root or A/B, or extroot): confirmed, then the board is asked where its root is (MigrateJournal). */
    private int resumeMigration(JournalEntry j, PrintWriter out, PrintWriter result, PrintWriter err) throws Exception {
        if (!yes) {
            java.io.Console tty = System.console();
            String answer = tty == null ? null : tty.readLine(Texts.t("journal.migrate.confirm", j.header().path("device").asText()));
            if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
                return refuse(err, Texts.t("cli.nothing-sent", Texts.t(tty == null ? "cli.resume.no-terminal" : "cli.not-confirmed")));
            }
        }
        int rc = MigrateJournal.resume(j, port(j.header()), out, err);
        out.flush();
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("ok", rc == ExitCodes.OK);
            o.put("procedure", j.procedure());
            o.put("resumed", j.id());
            o.put("exit", rc);
            o.put("state", JournalEntry.read(j.file()).lastState().kind().name().toLowerCase(Locale.ROOT));
            result.println(JSON.writeValueAsString(o));
            result.flush();
        }
        return rc;
    }

    /** The procedure's own port, baud and board profile, unless given here. */
    private PortOptions port(JsonNode h) {
        PortOptions p = new PortOptions();
        p.port = portName != null ? portName : h.path("port").asText();
        p.baud = baud != null ? baud : h.path("baud").asInt(115200);
        p.timeout = timeout;
        p.board = h.path("boardProfile").asText("bpi-r4");
        p.mixee = spec;
        return p;
    }

    /** The file the flash was writing, checked again and with the same SHA-256 as then. */
    private static FlashImage sameFile(JsonNode f, PortOptions port, JsonNode h) throws FlashRefused {
        Path path = Path.of(f.path("path").asText());
        String sha;
        try {
            sha = Hashes.sha256Hex(Files.readAllBytes(path));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(Texts.t("cli.resume.file-gone", path, e.getMessage()));
        }
        if (!sha.equals(f.path("sha256").asText())) {
            throw new IllegalArgumentException(Texts.t("cli.resume.file-changed", path, sha, f.path("sha256").asText()));
        }
        String medium = h.path("medium").asText("");
        return new ImageCheck(port.profile()).check(path, Role.parse(h.path("part").asText()),
                FlashCommand.parseMedium(medium.isEmpty() ? null : medium), h.path("decompress").asBoolean());
    }

    private int resume(Console console, JournalEntry j, PortOptions port, FlashImage image, Long loadAddr,
                       PrintWriter out, PrintWriter result, PrintWriter err) throws Exception {
        ByteArrayOutputStream boot = new ByteArrayOutputStream();
        UBootSession session;
        try (Subscription seen = console.subscribe("resume-boot", chunk -> {
            synchronized (boot) {
                if (boot.size() < 1 << 20) {
                    boot.write(chunk, 0, chunk.length);
                }
            }
        })) {
            session = UBootSession.attachOrTakeHold(console, Duration.ofMillis(port.timeoutMillis(120_000)),
                    e -> out.println("  " + e.message()));
        } catch (NoAnswerException | UBootException e) {
            byte[] log;
            synchronized (boot) {
                log = boot.toByteArray();
            }
            return noUBoot(j, port, log, e, err);
        }
        try (session) {
            ProgressPrinter progress = FlashCommand.progress(json, out);
            Procedure p = FlashCommand.printing(out, j.lastState(), progress);
            p.journal(Journal.reopen(j.file()));
            List<Boolean> same;
            try {
                same = new UBootFlash(session, port.profile(), image, p, loadAddr).readBack();
            } catch (Stopped s) {
                p.journal().close(); // not ended: the board's state is still the journal's
                err.println("r4-rescue: " + Texts.t("cli.resume.readback-failed", s.step(), s.getMessage()));
                err.flush();
                return ExitCodes.of(s);
            }
            if (!same.isEmpty() && !same.contains(false)) {
                String place = j.notes().path("place").asText(Texts.t("cli.resume.its-place"));
                p.state(BoardState.verified(Texts.t("cli.resume.holds", image.role().lower(), place)));
                p.done("Report", Texts.t("cli.resume.nothing-left"));
                p.finish(null);
                out.println(Texts.t("cli.resume.ok", image.name(), place));
                out.flush();
                if (json) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("ok", true);
                    o.put("state", "verified");
                    o.put("resumed", j.id());
                    o.put("written", false);
                    result.println(JSON.writeValueAsString(o));
                    result.flush();
                }
                return ExitCodes.OK;
            }
            out.println(Texts.t("cli.resume.not-proven", differing(same)));
            out.flush();
            return FlashCommand.finish(p, progress, () -> new UBootFlash(session, port.profile(), image, p, loadAddr).run(),
                    json, out, result, err);
        }
    }

    private static String differing(List<Boolean> same) {
        if (same.size() == 1) {
            return Texts.t("cli.resume.the-place");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < same.size(); i++) {
            if (!same.get(i)) {
                b.append(b.length() == 0 ? "" : ", ").append(i + 1);
            }
        }
        return Texts.t("cli.resume.copies", b, same.size());
    }

    /**
     * U-Boot did not answer. After an erase began, a board that starts but does not reach U-Boot
     * has a damaged flash: it needs the SD rescue. Otherwise nothing is known: no answer.
     */
    private static int noUBoot(JournalEntry j, PortOptions port, byte[] log, Exception e, PrintWriter err) {
        boolean started = log.length > 0;
        if (started && j.lastState().kind() == BoardState.Kind.DAMAGED) {
            BootDiagnosis d = SavedLog.diagnose(log);
            String why = d.failure() != null ? " (" + d.failure().summaryText() + ")" : "";
            String medium = j.notes().path("medium").asText("SNAND");
            String advice = FlashLayouts.of(port.profile()).afterDamage(Medium.valueOf(medium.toUpperCase(Locale.ROOT)));
            String part = j.header().path("part").asText("image").toUpperCase(Locale.ROOT);
            String msg = Texts.t("cli.resume.damaged", why, part, advice);
            try (Journal jr = Journal.reopen(j.file())) {
                jr.note("resume", msg);
            } catch (java.io.IOException x) {
                // the message below is what matters
            }
            err.println("r4-rescue: " + msg);
            err.flush();
            return ExitCodes.FAILED;
        }
        err.println("r4-rescue: " + Texts.t("cli.resume.no-uboot", e.getMessage()));
        err.flush();
        return e instanceof UBootException ? ExitCodes.FAILED : ExitCodes.NO_LINK;
    }

    private static int refuse(PrintWriter err, String message) {
        err.println("r4-rescue: " + Texts.t("cli.refused-lower", message));
        err.flush();
        return ExitCodes.REFUSED;
    }
}
