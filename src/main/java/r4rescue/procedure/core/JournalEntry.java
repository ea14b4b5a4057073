package r4rescue.procedure.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import r4rescue.util.Message;

/**
 * One journal read back ({@link Journal} writes it): its header, the last step begun and whether its
 * outcome was written, the board's last state, and how it ended, if it did. A last line cut short by
 * a kill is ignored (the record before it is the last one forced to the disk).
 */
public record JournalEntry(String id, Path file, ObjectNode header, ObjectNode notes, long started, long last,
                           String lastStep, boolean lastStepDone, BoardState lastState, boolean destructiveBegan,
                           JsonNode end) {

    static final String SUFFIX = ".jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    public static JournalEntry read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String id = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        ObjectNode header = JSON.createObjectNode();
        ObjectNode notes = JSON.createObjectNode();
        long started = 0;
        long last = 0;
        String step = "";
        boolean done = false;
        boolean destructive = false;
        BoardState state = BoardState.untouched(Message.of("proc.state.nothingChanged"));
        JsonNode end = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode r;
            try {
                r = JSON.readTree(line);
            } catch (IOException e) {
                break; // cut short by the kill
            }
            if (r == null || !r.isObject()) {
                break;
            }
            last = r.path("time").asLong(last);
            switch (r.path("t").asText()) {
                case "start" -> {
                    header = (ObjectNode) r;
                    started = last;
                }
                case "intent" -> {
                    step = r.path("step").asText();
                    done = false;
                }
                case "outcome" -> done = true;
                case "state" -> {
                    state = new BoardState(BoardState.Kind.valueOf(r.path("kind").asText()), r.path("words").asText());
                    destructive |= !state.safeToStop();
                }
                case "note" -> notes.put(r.path("key").asText(), r.path("value").asText());
                case "end" -> {
                    end = r;
                    state = new BoardState(BoardState.Kind.valueOf(r.path("kind").asText()), r.path("words").asText());
                }
                default -> { }
            }
        }
        return new JournalEntry(id, file, header, notes, started, last, step, done, state, destructive, end);
    }

    /** Every journal in {@code dir}, newest first; unreadable files are skipped. */
    public static List<JournalEntry> list(Path dir) throws IOException {
        List<JournalEntry> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : ds) {
                try {
                    all.add(read(f));
                } catch (IOException | RuntimeException e) {
                    // not a journal of ours
                }
            }
        }
        all.sort(Comparator.comparingLong(JournalEntry::started).thenComparing(JournalEntry::id).reversed());
        return all;
    }

    /** The newest journal that needs the user ({@link #unfinished()}), if any. */
    public static Optional<JournalEntry> newestUnfinished(Path dir) throws IOException {
        return list(dir).stream().filter(JournalEntry::unfinished).findFirst();
    }

    /** The procedure name from the header, e.g. "flash". */
    public String procedure() {
        return header.path("procedure").asText("?");
    }

    /**
     * Needs the user: the program stopped without ending it (killed, crashed), or it ended with the
     * board neither untouched nor verified.
     */
    public boolean unfinished() {
        return end == null || !lastState.safeToStop();
    }

    /**
     * In plain words, e.g. "The FIP flash to NAND on adapter FTDI A50285BI stopped at 12:03:04, after the
     * erase began: the FIP is probably damaged."
     */
    public String words() {
        String title = header.path("title").asText(procedure());
        String board = header.path("board").asText("");
        String on = (notes.has("place") ? " to " + notes.get("place").asText() : "") + (board.isEmpty() ? "" : " on " + board);
        if (end != null && lastState.safeToStop()) {
            return "The " + title + on + " ended at " + TIME.format(Instant.ofEpochMilli(last)) + ": "
                    + lastState.words();
        }
        String when = (end == null ? " stopped at " : " ended at ") + TIME.format(Instant.ofEpochMilli(last));
        String where = lastStep.isEmpty() ? " before its first step" : (lastStepDone ? " after " : " during ")
                + "'" + lastStep + "'";
        String meaning = switch (lastState.kind()) {
            case UNTOUCHED -> ", before anything was changed: the board should be as it was.";
            case VERIFIED -> ", with its last change written and verified.";
            case PARTLY_CHANGED -> ", in the middle of a change that keeps a good copy: the board should still boot. ";
            case DAMAGED -> header.has("part") ? ", after the erase began: the "
                    + header.get("part").asText().toUpperCase(Locale.ROOT) + " is probably damaged. " : ", with the board changed in a way it may not start from: ";
            case UNKNOWN -> ", and the program could not tell what the board holds. ";
        };
        String detail = lastState.safeToStop() ? "" : lastState.words();
        return ("The " + title + on + when + where + meaning + detail).strip();
    }

    /** When it started, for a list. */
    public String startedText() {
        return DAY_TIME.format(Instant.ofEpochMilli(started));
    }

    /** One object for {@code journal --json}. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("file", file.toString());
        o.put("procedure", procedure());
        o.put("started", Instant.ofEpochMilli(started).toString());
        o.put("last", Instant.ofEpochMilli(last).toString());
        o.put("unfinished", unfinished());
        o.put("ended", end != null);
        o.put("result", end == null ? null : end.path("result").asText());
        o.put("lastStep", lastStep);
        o.put("lastStepDone", lastStepDone);
        o.put("state", lastState.kind().name().toLowerCase(Locale.ROOT));
        o.put("stateWords", lastState.words());
        o.put("destructiveBegan", destructiveBegan);
        o.put("words", words());
        o.set("header", header);
        o.set("notes", notes);
        return o;
    }
}
