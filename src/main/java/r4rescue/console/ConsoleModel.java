package r4rescue.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's scrollback: a bounded ring of {@link StyledLine}s. Lines have stable sequence
 * numbers ({@link #firstSeq()} grows as old lines fall off the top), so a view or a find result
 * can refer to a line across trims.
 *
 * <p>Changes are batched for one view: the writer calls {@link #put}, the view is told once that
 * something is pending ({@link #setChangeListener}) and then fetches everything since its previous
 * fetch with {@link #drainChanges()} as three cheap list operations. Nothing accumulates while no
 * view fetches, so memory stays flat however long the session runs.
 *
 * <p>Thread-safe: one writer thread (the {@link LineAssembler}) and any reader thread.
 */
public final class ConsoleModel {

    public static final int DEFAULT_CAPACITY = 100_000;

    private final StyledLine[] ring;
    private long firstSeq;
    private long endSeq;
    private boolean lastOpen;

    // What the view had after its last drain, and the first line touched since.
    private long seenFirst;
    private long seenEnd;
    private long dirtyFrom = Long.MAX_VALUE;
    private Runnable listener;
    private boolean notified;

    public ConsoleModel() {
        this(DEFAULT_CAPACITY);
    }

    public ConsoleModel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 line");
        }
        ring = new StyledLine[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    public synchronized long firstSeq() {
        return firstSeq;
    }

    /** Sequence number the next appended line will get. */
    public synchronized long endSeq() {
        return endSeq;
    }

    public synchronized int size() {
        return (int) (endSeq - firstSeq);
    }

    /** True if the last line is still being written (a prompt without a newline). */
    public synchronized boolean isLastLineOpen() {
        return lastOpen;
    }

    /** The line with sequence number {@code seq}, or null if it was trimmed or does not exist yet. */
    public synchronized StyledLine line(long seq) {
        return seq >= firstSeq && seq < endSeq ? ring[slot(seq)] : null;
    }

    /** Stores a line at {@code seq}: replaces an existing one, or appends when {@code seq == endSeq()}. */
    synchronized void put(long seq, StyledLine line, boolean open) {
        if (seq < firstSeq || seq > endSeq) {
            return; // trimmed meanwhile, or a gap the assembler never makes
        }
        if (seq == endSeq) {
            if (endSeq - firstSeq == ring.length) {
                ring[slot(firstSeq)] = null;
                firstSeq++;
            }
            endSeq++;
        }
        ring[slot(seq)] = line;
        lastOpen = open && seq == endSeq - 1;
        touched(seq);
    }

    /** Removes the lines from {@code seq} to the end (a terminal's "erase below"). */
    synchronized void truncate(long seq) {
        seq = Math.max(seq, firstSeq);
        if (seq >= endSeq) {
            return;
        }
        for (long s = seq; s < endSeq; s++) {
            ring[slot(s)] = null;
        }
        endSeq = seq;
        lastOpen = false;
        touched(seq);
    }

    /** Empties the scrollback; sequence numbers keep counting. */
    public synchronized void clear() {
        Arrays.fill(ring, null);
        firstSeq = endSeq;
        lastOpen = false;
        touched(endSeq);
    }

    private void touched(long seq) {
        dirtyFrom = Math.min(dirtyFrom, seq);
        Runnable l = listener;
        if (!notified && l != null) {
            notified = true;
            l.run();
        }
    }

    private int slot(long seq) {
        return (int) (seq % ring.length);
    }

    /**
     * Called (on the writer's thread, while the model is locked: only set a flag or post a task)
     * when changes become pending; not again until {@link #drainChanges()} has been called.
     */
    public synchronized void setChangeListener(Runnable listener) {
        this.listener = listener;
        notified = false;
    }

    /**
     * What changed since the previous call, as the view should apply it to its own list of lines:
     * remove {@code trimmed} lines from the top, then every line from index {@code from} on, then
     * append {@code tail}. The first call returns the whole scrollback.
     *
     * @param firstSeq sequence number of the view's line 0 after applying the change
     */
    public record Change(long firstSeq, int trimmed, int from, List<StyledLine> tail, int sizeAfter,
                         boolean lastOpen) {
        public boolean isEmpty() {
            return trimmed == 0 && tail.isEmpty() && from == sizeAfter;
        }

        /** Applies this change to a list that mirrors the model. */
        public void applyTo(List<StyledLine> lines) {
            if (trimmed > 0) {
                lines.subList(0, trimmed).clear();
            }
            if (from < lines.size()) {
                lines.subList(from, lines.size()).clear();
            }
            lines.addAll(tail);
        }
    }

    public synchronized Change drainChanges() {
        notified = false;
        long newFirst = firstSeq;
        int trimmed = (int) Math.min(Math.max(0, newFirst - seenFirst), seenEnd - seenFirst);
        int remaining = (int) Math.max(0, seenEnd - Math.max(seenFirst, newFirst));
        int from = (int) Math.min(Math.max(Math.max(dirtyFrom, newFirst) - newFirst, 0), remaining);
        List<StyledLine> tail = new ArrayList<>((int) Math.max(0, endSeq - newFirst - from));
        for (long s = newFirst + from; s < endSeq; s++) {
            tail.add(ring[slot(s)]);
        }
        seenFirst = newFirst;
        seenEnd = endSeq;
        dirtyFrom = Long.MAX_VALUE;
        return new Change(newFirst, trimmed, from, tail, (int) (endSeq - newFirst), lastOpen);
    }

    /** A copy of the lines now in the scrollback, oldest first. */
    public synchronized List<StyledLine> snapshot() {
        List<StyledLine> all = new ArrayList<>(size());
        for (long s = firstSeq; s < endSeq; s++) {
            all.add(ring[slot(s)]);
        }
        return all;
    }

    /** The scrollback as plain text, one line per line, each ended by a newline. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (StyledLine l : snapshot()) {
            sb.append(l.text()).append('\n');
        }
        return sb.toString();
    }

    /** Where {@link #find} found the text: line {@code seq}, characters {@code [start, end)}. */
    public record Match(long seq, StyledLine line, int start, int end) {
    }

    /**
     * Finds {@code needle} (case-insensitive) starting after (forward) or before (backward) the
     * position {@code (seq, column)}, wrapping around the scrollback once. Null if not found.
     */
    public Match find(String needle, long seq, int column, boolean forward) {
        if (needle == null || needle.isEmpty()) {
            return null;
        }
        List<StyledLine> lines;
        long first;
        synchronized (this) {
            lines = snapshot();
            first = firstSeq;
        }
        int n = lines.size();
        if (n == 0) {
            return null;
        }
        Matcher m = Pattern.compile(Pattern.quote(needle), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher("");
        int startIndex = (int) Math.max(0, Math.min(n - 1, seq - first));
        for (int k = 0; k <= n; k++) {
            int i = Math.floorMod(forward ? startIndex + k : startIndex - k, n);
            StyledLine line = lines.get(i);
            m.reset(line.text());
            if (forward) {
                int from = k == 0 ? Math.min(column, line.text().length()) : 0;
                if (k == n) {
                    from = 0; // back at the start line after wrapping: what lies before the column
                }
                if (m.find(from)) {
                    return new Match(first + i, line, m.start(), m.end());
                }
            } else {
                int last = -1;
                int lastEnd = -1;
                int limit = k == 0 ? column : Integer.MAX_VALUE;
                int pos = 0;
                while (pos <= line.text().length() && m.find(pos) && m.start() < limit) {
                    last = m.start();
                    lastEnd = m.end();
                    pos = m.start() + 1;
                }
                if (last >= 0) {
                    return new Match(first + i, line, last, lastEnd);
                }
            }
        }
        return null;
    }
}
