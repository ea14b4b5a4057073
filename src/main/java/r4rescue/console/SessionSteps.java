package r4rescue.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import r4rescue.util.Hashes;

/**
 * The steps of a session as JSON lines beside its {@link SessionLog} ({@code BASE.steps.jsonl}):
 * the command that ran, the files it was given (name, size, SHA-256), every line sent to the
 * board, and the result. A transcript puts them next to the console bytes.
 */
public final class SessionSteps implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final OutputStream out;
    /** The end of the line the board is printing, lower case: a password prompt hides what is sent next. */
    private final StringBuilder tail = new StringBuilder();
    /** The line being sent, and whether it answers a password prompt. */
    private final StringBuilder line = new StringBuilder();
    private boolean hideLine;

    private SessionSteps(Path file) throws IOException {
        this.file = file;
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The steps file of the session whose raw log is {@code bin}. */
    public static Path beside(Path bin) {
        String n = bin.getFileName().toString();
        return bin.resolveSibling(n.substring(0, n.length() - ".bin".length()) + ".steps.jsonl");
    }

    public static SessionSteps start(SessionLog log) throws IOException {
        return new SessionSteps(beside(log.binFile()));
    }

    public Path file() {
        return file;
    }

    /** One step: {@code type} and its fields, with the time. */
    public synchronized void record(String type, Map<String, ?> fields) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("t", Instant.now().toString());
        o.put("type", type);
        o.putAll(fields);
        try {
            out.write(JSON.writeValueAsBytes(o));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // the record is a help, never a reason to stop working on the board
        }
    }

    /** Records a file the command was given: name, size, SHA-256. */
    public void file(Path f) {
        try {
            record("file", Map.of("name", f.getFileName().toString(), "path", f.toAbsolutePath().toString(),
                    "size", Files.size(f), "sha256", Hashes.sha256Hex(f)));
        } catch (IOException e) {
            record("file", Map.of("name", f.getFileName().toString(), "error", String.valueOf(e.getMessage())));
        }
    }

    /** What the board printed, seen before any reader of the console sees it. */
    public synchronized void received(byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = (char) (data[i] & 0xff);
            if (c == '\n' || c == '\r') {
                tail.setLength(0);
            } else {
                tail.append(Character.toLowerCase(c));
                if (tail.length() > 64) {
                    tail.delete(0, tail.length() - 32);
                }
            }
        }
    }

    /**
     * What the host wrote to the board, gathered into lines (a command sent in pieces is one step, and
     * a secret split across writes is still masked): a line typed at a {@code Password:} prompt is
     * starred, values of secret variables masked; binary data (YMODEM) is recorded as a count.
     */
    public synchronized void sent(byte[] data, int off, int len) {
        boolean text = len <= 1024;
        for (int i = off; i < off + len && text; i++) {
            int b = data[i] & 0xff;
            text = b >= 0x20 && b < 0x7f || b == '\r' || b == '\n' || b == '\t' || b == 3 || b == 0x1b;
        }
        if (!text) {
            flushLine();
            record("sent", Map.of("bytes", len));
            return;
        }
        for (int i = off; i < off + len; i++) {
            char c = (char) (data[i] & 0xff);
            if (line.length() == 0) {
                hideLine = tail.toString().strip().endsWith("password:");
            }
            line.append(c);
            if (c == '\r' || c == '\n' || c == 3 || c == 0x1b) {
                flushLine();
            }
        }
    }

    private void flushLine() {
        if (line.length() == 0) {
            return;
        }
        String t = hideLine ? line.toString().replaceAll("[^\\r\\n]", "*") : SecretMask.text(line.toString());
        line.setLength(0);
        record("sent", Map.of("text", t));
    }

    @Override
    public synchronized void close() {
        flushLine();
        try {
            out.close();
        } catch (IOException e) {
            // nothing more to write
        }
    }
}
