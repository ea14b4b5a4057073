package r4rescue.console;

import java.util.Arrays;

/**
 * One finished or open line of the console: its text, the styles of its characters as runs, and
 * when its first character arrived. Immutable.
 *
 * @param text   the characters, without line end
 * @param runs   null when the whole line has the default style; otherwise pairs
 *               {@code (endExclusive, style)} covering the text in order
 * @param time   receive time of the line's first character, epoch milliseconds
 * @param marker true for lines the program inserted (connect/disconnect), not board output
 */
public record StyledLine(String text, int[] runs, long time, boolean marker) {

    public static StyledLine plain(String text, long time) {
        return new StyledLine(text, null, time, false);
    }

    public static StyledLine marker(String text, long time) {
        return new StyledLine(text, null, time, true);
    }

    /** Number of style runs (1 for a plain line). */
    public int runCount() {
        return runs == null ? 1 : runs.length / 2;
    }

    public int runEnd(int run) {
        return runs == null ? text.length() : runs[run * 2];
    }

    public int runStyle(int run) {
        return runs == null ? Style.DEFAULT : runs[run * 2 + 1];
    }

    public int runStart(int run) {
        return run == 0 ? 0 : runEnd(run - 1);
    }

    /** Style of the character at {@code index}. */
    public int styleAt(int index) {
        for (int r = 0; r < runCount(); r++) {
            if (index < runEnd(r)) {
                return runStyle(r);
            }
        }
        return Style.DEFAULT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StyledLine l && l.time == time && l.marker == marker && l.text.equals(text)
                && Arrays.equals(l.runs, runs);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + Arrays.hashCode(runs);
    }

    @Override
    public String toString() {
        return text;
    }
}
