package r4rescue.procedure.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import r4rescue.util.PrivateFiles;
import r4rescue.util.Texts;

/**
 * The write-ahead record of one procedure, so a program that dies in the middle (battery, crash,
 * SIGKILL) leaves the next start knowing what was under way: a header (procedure, board, files with
 * their SHA-256, what resuming needs), then for each step its intent before anything is sent and its
 * outcome after, each change of the board's state before the command that makes it, and a last record
 * when the procedure ends. One JSON object per line in {@code ID.jsonl}, 0600 in a 0700 folder, forced
 * to the disk (fsync) after every record. {@link JournalEntry} reads it back.
 * <p>
 * A journal that cannot be written (full disk) never stops the procedure: the first failure is told
 * once as a warning, and the procedure goes on without its journal.
 */
public final class Journal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * For the crash test only: after this many records (of this process) the writing thread stops for
     * good, so the test can SIGKILL the program at an exact step boundary; never set in use.
     */
    private static final int HOLD_AFTER = Integer.getInteger("r4rescue.journal.holdAfter", 0);
    private static final java.util.concurrent.atomic.AtomicInteger RECORDS = new java.util.concurrent.atomic.AtomicInteger();

    private final String id;
    private final Path file;
    private final FileChannel out;
    private Consumer<String> warn = w -> { };
    private boolean failed;
    private boolean ended;

    private Journal(String id, Path file, FileChannel out) {
        this.id = id;
        this.file = file;
        this.out = out;
    }

    /**
     * Starts a journal in {@code dir} (created 0700) and writes its header.
     *
     * @param procedure e.g. "flash"; part of the id
     * @param header    what the procedure is, the board, the files and what resume needs (any JSON-able values)
     */
    public static Journal start(Path dir, String procedure, Map<String, ?> header) throws IOException {
        PrivateFiles.directories(dir);
        String base = LocalDateTime.now().format(ID_TIME) + "-" + procedure.replaceAll("[^A-Za-z0-9-]", "_");
        for (int i = 1; ; i++) {
            String id = i == 1 ? base : base + "-" + i;
            Path f = dir.resolve(id + JournalEntry.SUFFIX);
            try {
                PrivateFiles.newFile(f);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            Journal j = new Journal(id, f, FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            Map<String, Object> h = new LinkedHashMap<>(header);
            h.put("procedure", procedure);
            j.write("start", h);
            if (j.failed) {
                throw new IOException(Texts.t("proc.journal.cannotWrite", f));
            }
            return j;
        }
    }

    /** Opens an existing journal to go on writing it (a resume); its records are kept. */
    public static Journal reopen(Path file) throws IOException {
        String name = file.getFileName().toString();
        Journal j = new Journal(name.substring(0, name.length() - JournalEntry.SUFFIX.length()), file,
                FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        j.write("resume", Map.of());
        return j;
    }

    public String id() {
        return id;
    }

    public Path file() {
        return file;
    }

    /** Where a write failure is told (once). */
    public Journal onWarning(Consumer<String> w) {
        this.warn = w;
        return this;
    }

    /** Before a step sends anything. */
    public void intent(String step, String message) {
        write("intent", fields("step", step, "message", message));
    }

    /** After a step's work, e.g. "done". */
    public void outcome(String step, String result) {
        write("outcome", fields("step", step, "result", result));
    }

    /** The board's state changes (written before the command that changes it). */
    public void state(BoardState s) {
        write("state", fields("kind", s.kind().name(), "words", s.english()));
    }

    /** A fact worth keeping for a resume (the place found, a resume attempt). */
    public void note(String key, String value) {
        write("note", fields("key", key, "value", value));
    }

    /** The procedure ended: how, and the board's state; the journal is closed. */
    public synchronized void end(String result, BoardState s, String message) {
        if (ended) {
            return;
        }
        Map<String, Object> f = fields("result", result, "kind", s.kind().name(), "words", s.english());
        if (message != null) {
            f.put("message", message);
        }
        write("end", f);
        ended = true;
        close();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the records are forced already
        }
    }

    private static void holdForTheKill() {
        System.err.println("r4-rescue: journal hold after record " + HOLD_AFTER);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // the kill is the only way out
            }
        }
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private synchronized void write(String type, Map<String, ?> fields) {
        if (failed || ended) {
            return;
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("t", type);
        rec.put("time", System.currentTimeMillis());
        rec.putAll(fields);
        try {
            byte[] line = (JSON.writeValueAsString(rec) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(false); // the record is on the disk before the step sends anything
            if (RECORDS.incrementAndGet() == HOLD_AFTER) {
                holdForTheKill();
            }
        } catch (IOException e) {
            failed = true;
            warn.accept(Texts.t("proc.journal.notWritten", file, e.getMessage()));
        }
    }
}
