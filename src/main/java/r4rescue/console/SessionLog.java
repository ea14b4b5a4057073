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
import java.util.function.LongSupplier;

import r4rescue.link.LinkState;

/**
 * Records a session as it happens: {@code DATE_TIME_PORT.bin} holds every received byte, the
 * {@code .log} next to it the text a terminal would show, one line per line, each prefixed with the
 * time its first character arrived, escape sequences removed. Both are flushed to the operating
 * system after every chunk, so a crash of the program loses nothing. What is typed at a
 * {@code Password:} prompt is masked in both ({@link PasswordMask}). Subscribe it to a {@link Console}.
 */
public final class SessionLog implements ByteSink, AutoCloseable {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
    private static final DateTimeFormatter LINE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final Path bin;
    private final Path log;
    private final OutputStream binOut;
    private final OutputStream logOut;
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

    private SessionLog(Path bin, Path log, String port, LongSupplier clock) throws IOException {
        this.bin = bin;
        this.log = log;
        this.clock = clock;
        this.markers = new SessionMarkers(port);
        binOut = new BufferedOutputStream(Files.newOutputStream(bin, StandardOpenOption.CREATE_NEW), 64 * 1024);
        logOut = new BufferedOutputStream(Files.newOutputStream(log, StandardOpenOption.CREATE_NEW), 64 * 1024);
    }

    /** Starts the log files for a session on {@code port} in {@code dir} (created if missing). */
    public static SessionLog start(Path dir, String port) throws IOException {
        return start(dir, port, System::currentTimeMillis);
    }

    static SessionLog start(Path dir, String port, LongSupplier clock) throws IOException {
        Files.createDirectories(dir);
        long t = clock.getAsLong();
        String base = FILE_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneId.systemDefault()))
                + "_" + safeName(port);
        for (int i = 1; ; i++) {
            String name = i == 1 ? base : base + "-" + i;
            Path b = dir.resolve(name + ".bin");
            Path l = dir.resolve(name + ".log");
            if (!Files.exists(b) && !Files.exists(l)) {
                SessionLog s = new SessionLog(b, l, port, clock);
                return s;
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
        }
    }

    /**
     * Stops logging after a write error (disk full, folder removed): the console must go on, and
     * this sink must not throw on the console's delivery thread. The error is kept for the UI.
     */
    private void fail(Exception e) {
        failure = e instanceof IOException io ? io : new IOException(e.getCause());
        closed = true;
        try (binOut; logOut) {
            // closing quietly
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    /** The write error that stopped the log, or null. */
    public synchronized IOException failure() {
        return failure;
    }

    /** Writes a marker; at {@link LinkState#CLOSED} the log finishes and closes its files. */
    @Override
    public synchronized void onState(LinkState state, String detail) {
        if (closed) {
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
        try (binOut; logOut) {
            if (line.length() > 0) {
                endLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
