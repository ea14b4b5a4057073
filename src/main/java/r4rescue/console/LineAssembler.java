package r4rescue.console;

import java.util.Arrays;
import java.util.function.LongSupplier;

import r4rescue.link.LinkState;

/**
 * Turns the console byte stream into styled lines in a {@link ConsoleModel}, acting like a
 * terminal: CR returns to column 0 and later text overwrites, LF / CRLF end the line, backspace
 * moves left, SGR colours become styles, erase-line clears to the end. Cursor positioning (U-Boot's
 * boot menu redraws its entries in place) works inside a "screen": the lines since the last clear
 * screen ({@code ESC [2J}), at most {@link #ROWS} of them; a clear screen starts a new screen
 * below instead of wiping the scrollback, so nothing the board said is lost.
 *
 * <p>Subscribe it to a {@link Console} as a {@link ByteSink}; link state changes become marker lines.
 */
public final class LineAssembler implements ByteSink {

    /** Longest line kept; longer runs without a newline (binary noise) wrap onto the next line. */
    public static final int MAX_LINE = 4096;
    /** Height of the virtual screen cursor positioning addresses. */
    public static final int ROWS = 50;

    private final ConsoleModel model;
    private final LongSupplier clock;
    private final TerminalDecoder decoder = new TerminalDecoder();
    private final AnsiParser parser = new AnsiParser(new Actions());
    private volatile SessionMarkers markers = new SessionMarkers(null);

    // The line under the cursor, being edited.
    private char[] chars = new char[256];
    private int[] styles = new int[256];
    private int length;
    private int col;
    private long row;
    private long lineTime = -1;
    private boolean dirty;

    private int style = Style.DEFAULT;
    private long regionTop;
    private long savedRowOffset = -1;
    private int savedCol;
    private long now;

    public LineAssembler(ConsoleModel model) {
        this(model, System::currentTimeMillis);
    }

    public LineAssembler(ConsoleModel model, LongSupplier clock) {
        this.model = model;
        this.clock = clock;
        synchronized (model) {
            row = model.endSeq();
            regionTop = row;
        }
    }

    public ConsoleModel model() {
        return model;
    }

    @Override
    public void onBytes(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    @Override
    public void onState(LinkState state, String detail) {
        String text = markers.onState(state, detail, clock.getAsLong());
        if (text != null) {
            marker(text);
        }
    }

    /**
     * Names the session about to start (the port), for its "connected to ..." marker; call before
     * the console is opened. The scrollback carries on from the previous session.
     */
    public void startSession(String name) {
        markers = new SessionMarkers(name);
    }

    /** Feeds received bytes; the model is updated (and its view notified) before this returns. */
    public void feed(byte[] data, int offset, int length) {
        synchronized (model) {
            now = clock.getAsLong();
            int n = decoder.decode(data, offset, length);
            parser.feed(decoder.chars(), 0, n);
            if (dirty) {
                model.put(row, snapshot(), true);
                dirty = false;
            }
        }
    }

    /** Inserts a line the program writes (e.g. "— disconnected at 12:03:04 —") after what the board sent. */
    public void marker(String text) {
        synchronized (model) {
            now = clock.getAsLong();
            if (length > 0 || dirty) {
                commit();
            }
            model.put(model.endSeq(), StyledLine.marker(text, now), false);
            freshLine(model.endSeq());
            regionTop = row;
        }
    }

    /** Empties the scrollback and forgets the line being written. */
    public void clear() {
        synchronized (model) {
            model.clear();
            freshLine(model.endSeq());
            regionTop = row;
        }
    }

    // ---- the line under the cursor

    private void freshLine(long seq) {
        row = seq;
        length = 0;
        col = 0;
        lineTime = -1;
        dirty = false;
    }

    /** Makes the line at {@code seq} the cursor line, loading its text if it exists. */
    private void load(long seq) {
        StyledLine l = model.line(seq);
        freshLine(seq);
        if (l == null) {
            return;
        }
        String t = l.text();
        ensure(t.length());
        t.getChars(0, t.length(), chars, 0);
        for (int r = 0; r < l.runCount(); r++) {
            Arrays.fill(styles, l.runStart(r), l.runEnd(r), l.runStyle(r));
        }
        length = t.length();
        lineTime = l.time();
    }

    /** Stores the cursor line in the model as a finished line. */
    private void commit() {
        model.put(row, snapshot(), false);
        dirty = false;
    }

    private StyledLine snapshot() {
        if (lineTime < 0) {
            lineTime = now;
        }
        String text = new String(chars, 0, length);
        int[] runs = null;
        if (length > 0) {
            int first = styles[0];
            boolean uniform = true;
            for (int i = 1; i < length && uniform; i++) {
                uniform = styles[i] == first;
            }
            if (!uniform || first != Style.DEFAULT) {
                runs = runs();
            }
        }
        return new StyledLine(text, runs, lineTime, false);
    }

    private int[] runs() {
        int n = 1;
        for (int i = 1; i < length; i++) {
            if (styles[i] != styles[i - 1]) {
                n++;
            }
        }
        int[] runs = new int[n * 2];
        int r = 0;
        for (int i = 1; i <= length; i++) {
            if (i == length || styles[i] != styles[i - 1]) {
                runs[r++] = i;
                runs[r++] = styles[i - 1];
            }
        }
        return runs;
    }

    private void ensure(int capacity) {
        if (chars.length < capacity) {
            int size = Math.min(MAX_LINE, Math.max(capacity, chars.length * 2));
            chars = Arrays.copyOf(chars, size);
            styles = Arrays.copyOf(styles, size);
        }
    }

    private void write(char[] buf, int from, int to) {
        while (from < to) {
            if (col >= MAX_LINE) {
                newLine();
            }
            int take = Math.min(to - from, MAX_LINE - col);
            ensure(col + take);
            if (col > length) {
                Arrays.fill(chars, length, col, ' ');
                Arrays.fill(styles, length, col, Style.DEFAULT);
            }
            System.arraycopy(buf, from, chars, col, take);
            Arrays.fill(styles, col, col + take, style);
            col += take;
            length = Math.max(length, col);
            from += take;
            if (lineTime < 0) {
                lineTime = now;
            }
            dirty = true;
        }
    }

    private void newLine() {
        commit();
        long next = row + 1;
        if (next < model.firstSeq()) {
            next = model.endSeq(); // the screen scrolled out of a tiny scrollback
        }
        if (next < model.endSeq()) {
            load(next);
        } else {
            freshLine(next);
        }
    }

    // ---- cursor movement inside the screen

    private long screenTop() {
        long bottom = Math.max(model.endSeq(), row + 1);
        return Math.max(Math.max(regionTop, bottom - ROWS), model.firstSeq());
    }

    private void moveTo(long seq, int column) {
        long top = screenTop();
        seq = Math.max(top, Math.min(seq, top + ROWS - 1));
        column = Math.max(0, Math.min(column, MAX_LINE - 1));
        if (seq != row) {
            if (dirty) {
                commit();
            }
            while (model.endSeq() < seq) {
                model.put(model.endSeq(), StyledLine.plain("", now), false);
            }
            load(seq);
        }
        col = column;
    }

    private void eraseLine(int mode) {
        switch (mode) {
            case 1 -> {
                int end = Math.min(col + 1, length);
                Arrays.fill(chars, 0, end, ' ');
                Arrays.fill(styles, 0, end, Style.DEFAULT);
            }
            case 2 -> length = 0;
            default -> length = Math.min(length, col);
        }
        dirty = true;
    }

    private void eraseDisplay(int mode) {
        if (mode == 2 || mode == 3) {
            if (dirty || length > 0) {
                commit();
            }
            long end = model.endSeq();
            freshLine(end);
            regionTop = end;
        } else if (mode <= 0) {
            eraseLine(0);
            model.truncate(row + 1);
        }
    }

    private void saveCursor() {
        savedRowOffset = row - screenTop();
        savedCol = col;
    }

    private void restoreCursor() {
        if (savedRowOffset >= 0) {
            moveTo(screenTop() + savedRowOffset, savedCol);
        }
    }

    /** What the parser found, applied to the cursor line. */
    private final class Actions implements AnsiParser.Handler {
        @Override
        public void text(char[] buf, int from, int to) {
            write(buf, from, to);
        }

        @Override
        public void carriageReturn() {
            col = 0;
        }

        @Override
        public void lineFeed() {
            newLine();
        }

        @Override
        public void backspace() {
            col = Math.max(0, col - 1);
        }

        @Override
        public void tab() {
            col = Math.min(MAX_LINE - 1, (col / 8 + 1) * 8);
        }

        @Override
        public void csi(char command, int[] params, int count, char privateMarker) {
            if (privateMarker != 0) {
                return; // modes such as ?25l (hide cursor): nothing to draw
            }
            int p0 = count > 0 ? params[0] : -1;
            int p1 = count > 1 ? params[1] : -1;
            int n = Math.max(1, p0);
            switch (command) {
                case 'm' -> style = Style.applySgr(style, params, count);
                case 'K' -> eraseLine(p0);
                case 'J' -> eraseDisplay(p0);
                case 'H', 'f' -> moveTo(screenTop() + Math.max(1, p0) - 1, Math.max(1, p1) - 1);
                case 'A' -> moveTo(row - n, col);
                case 'B' -> moveTo(row + n, col);
                case 'C' -> col = Math.min(MAX_LINE - 1, col + n);
                case 'D' -> col = Math.max(0, col - n);
                case 'E' -> moveTo(row + n, 0);
                case 'F' -> moveTo(row - n, 0);
                case 'G' -> col = Math.min(MAX_LINE - 1, n - 1);
                case 'd' -> moveTo(screenTop() + n - 1, col);
                case 's' -> saveCursor();
                case 'u' -> restoreCursor();
                default -> {
                    // scrolling regions, insert/delete, device queries: nothing sensible for a log view
                }
            }
        }

        @Override
        public void escape(char command) {
            switch (command) {
                case 'M' -> moveTo(row - 1, col);
                case 'D' -> newLine();
                case 'E' -> newLine();
                case '7' -> saveCursor();
                case '8' -> restoreCursor();
                case 'c' -> style = Style.DEFAULT;
                default -> {
                }
            }
        }
    }
}
