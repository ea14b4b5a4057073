package r4rescue.console;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import r4rescue.link.LinkState;
import r4rescue.util.Message;
import r4rescue.util.PrivateFiles;
import r4rescue.util.Texts;

/**
 * Records a session as it happens: {@code DATE_TIME_PORT.bin} holds every received byte, the
 * {@code .log} next to it the text a terminal would show, one line per line, each prefixed with the
 * time its first character arrived, escape sequences removed. Both are flushed to the operating
 * system after every chunk, so a crash of the program loses nothing. What is typed at a
 * {@code Password:} prompt is masked in both ({@link PasswordMask}). Subscribe it to a {@link Console}.
 * Both files are 0600 in a 0700 folder: they can hold Wi-Fi keys ({@code uci show}) and MAC addresses.
 * <p>
 * A write error (full disk) never stops the console: logging pauses, {@link #onNote} is told in words,
 * and every second of new output it tries again; once the files take writes again, a line in the
 * {@code .log} says how long it was paused and how many bytes are missing, and logging goes on.
 */
public final class SessionLog implements ByteSink, AutoCloseable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
    private static final DateTimeFormatter LINE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final Path bin;
    private final Path log;
    private final Opener opener;
    private OutputStream binOut;
    private OutputStream logOut;
    private final LongSupplier clock;
    private final TerminalDecoder decoder = new TerminalDecoder();
    private final AnsiParser parser = new AnsiParser(new PlainLine());
    private final SessionMarkers markers;
    private final PasswordMask mask = new PasswordMask();
    private final StringBuilder line = new StringBuilder();
    private int col;
    private long lineTime = -1;
    private long now;
    private boolean closed;
    private IOException failure;
    private long pausedAt;
    private long lastTry;
    private long missed;
    private Consumer<Message> note = n -> { };

    /** Opens a log file for appending (a seam for a disk that fills up). */
    interface Opener {
        OutputStream open(Path file) throws IOException;
    }

    private SessionLog(Path bin, Path log, String port, LongSupplier clock, Opener opener) throws IOException {
        this.bin = bin;
        this.log = log;
        this.clock = clock;
        this.opener = opener;
        this.markers = new SessionMarkers(port);
        PrivateFiles.newFile(bin);
        PrivateFiles.newFile(log);
        openStreams();
    }

    private void openStreams() throws IOException {
        binOut = new BufferedOutputStream(opener.open(bin), 64 * 1024);
        logOut = new BufferedOutputStream(opener.open(log), 64 * 1024);
    }

    private static OutputStream append(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Where a pause ({@code window.log.paused}) and its end ({@code window.log.resumed}) are told (the
     * window's banner, which tells them apart by the key); called on the console's thread.
     */
    public synchronized SessionLog onNote(Consumer<Message> n) {
        this.note = n;
        return this;
    }

    /** Starts the log files for a session on {@code port} in {@code dir} (created if missing). */
    public static SessionLog start(Path dir, String port) throws IOException {
        return start(dir, port, System::currentTimeMillis);
    }

    static SessionLog start(Path dir, String port, LongSupplier clock) throws IOException {
        return start(dir, port, clock, SessionLog::append);
    }

    static SessionLog start(Path dir, String port, LongSupplier clock, Opener opener) throws IOException {
        PrivateFiles.directories(dir);
        long t = clock.getAsLong();
        String base = FILE_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneId.systemDefault()))
                + "_" + safeName(port);
        for (int i = 1; ; i++) {
            String name = i == 1 ? base : base + "-" + i;
            Path b = dir.resolve(name + ".bin");
            Path l = dir.resolve(name + ".log");
            if (!Files.exists(b) && !Files.exists(l)) {
                return new SessionLog(b, l, port, clock, opener);
            }
        }
    }

    /** The last path element of a port, with everything but letters, digits, '.', '-' and '_' made '_'. */
    static String safeName(String port) {
        String p = port == null ? "port" : port;
        if (p.startsWith("/")) {
            p = p.substring(p.lastIndexOf('/') + 1);
        }
        p = p.replaceAll("[^A-Za-z0-9._-]", "_");
        if (p.length() > 60) {
            p = p.substring(p.length() - 60);
        }
        return p.isEmpty() ? "port" : p;
    }

    public Path binFile() {
        return bin;
    }

    public Path logFile() {
        return log;
    }

    @Override
    public synchronized void onBytes(byte[] chunk) {
        if (closed) {
            return;
        }
        if (failure != null && !resumed()) {
            missed += chunk.length;
            return;
        }
        try {
            byte[] shown = mask.apply(chunk);
            binOut.write(shown);
            binOut.flush();
            now = clock.getAsLong();
            int n = decoder.decode(shown, 0, shown.length);
            parser.feed(decoder.chars(), 0, n);
            logOut.flush();
        } catch (IOException | UncheckedIOException e) {
            fail(e);
            missed = chunk.length; // some of it may have landed; counted as missing to be safe
        }
    }

    /**
     * Pauses logging after a write error (disk full): the console must go on, and this sink must not
     * throw on the console's delivery thread. The error is kept for the UI and told as a note.
     */
    private void fail(Exception e) {
        failure = e instanceof IOException io ? io : new IOException(e.getCause());
        pausedAt = clock.getAsLong();
        lastTry = pausedAt;
        missed = 0;
        closeQuietly();
        note.accept(Message.of("window.log.paused", log.getParent(), failure.getMessage()));
    }

    private void closeQuietly() {
        OutputStream b = binOut;
        OutputStream l = logOut;
        try (b; l) {
            // closing quietly
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    /** While paused, at most once a second: opens the files again and writes the gap's marker. */
    private boolean resumed() {
        long now = clock.getAsLong();
        if (now - lastTry < 1000) {
            return false;
        }
        lastTry = now;
        try {
            openStreams();
            line.setLength(0);
            col = 0;
            lineTime = -1;
            String gap = String.format("\u2014 logging paused at %s (%s), resumed at %s: %,d bytes received meanwhile are not logged \u2014",
                    LINE_TIME.format(Instant.ofEpochMilli(pausedAt)), failure.getMessage(),
                    LINE_TIME.format(Instant.ofEpochMilli(now)), missed);
            writeMarker(gap);
            binOut.flush();
        } catch (IOException | UncheckedIOException e) {
            closeQuietly();
            return false;
        }
        failure = null;
        note.accept(Message.of("window.log.resumed", String.format(Texts.locale(), "%,d", missed)));
        return true;
    }

    /** The write error that paused the log (null while it logs). */
    public synchronized IOException failure() {
        return failure;
    }

    /** Writes a marker; at {@link LinkState#CLOSED} the log finishes and closes its files. */
    @Override
    public synchronized void onState(LinkState state, String detail) {
        if (closed) {
            return;
        }
        if (failure != null && !resumed()) {
            if (state == LinkState.CLOSED) {
                closed = true;
            }
            return;
        }
        String text = markers.onState(state, detail, clock.getAsLong());
        if (text != null) {
            try {
                writeMarker(text);
            } catch (IOException | UncheckedIOException e) {
                fail(e);
            }
        }
        if (state == LinkState.CLOSED) {
            close(); // the last event of a session: everything before it has been written
        }
    }

    private void writeMarker(String text) throws IOException {
        now = clock.getAsLong();
        if (line.length() > 0) {
            endLine();
        }
        lineTime = now;
        line.append(text);
        endLine();
        logOut.flush();
    }

    private void endLine() throws IOException {
        if (lineTime < 0) {
            lineTime = now;
        }
        String text = LINE_TIME.format(Instant.ofEpochMilli(lineTime)) + "  " + line + "\n";
        logOut.write(text.getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
        col = 0;
        lineTime = -1;
    }

    /** Writes the unfinished last line (a prompt) and closes both files. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failure != null) {
            return; // paused: the streams are closed already
        }
        OutputStream b = binOut;
        OutputStream l = logOut;
        try (b; l) {
            if (line.length() > 0) {
                endLine();
            }
        } catch (IOException e) {
            failure = e; // the disk filled up at the very end: the console is closing anyway
        }
    }

    /** Keeps only what a terminal would show on the line: overwrites after CR, erase to end. */
    private final class PlainLine implements AnsiParser.Handler {
        @Override
        public void text(char[] buf, int from, int to) {
            if (lineTime < 0) {
                lineTime = now;
            }
            for (int i = from; i < to; i++) {
                if (col >= LineAssembler.MAX_LINE) {
                    lineFeed();
                }
                if (col < line.length()) {
                    line.setCharAt(col, buf[i]);
                } else {
                    while (line.length() < col) {
                        line.append(' ');
                    }
                    line.append(buf[i]);
                }
                col++;
            }
        }

        @Override
        public void carriageReturn() {
            col = 0;
        }

        @Override
        public void lineFeed() {
            try {
                endLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void backspace() {
            col = Math.max(0, col - 1);
        }

        @Override
        public void tab() {
            col = (col / 8 + 1) * 8;
        }

        @Override
        public void csi(char command, int[] params, int count, char privateMarker) {
            if (privateMarker == 0 && command == 'K' && (count == 0 || params[0] <= 0) && col < line.length()) {
                line.setLength(col);
            }
        }
    }
}
