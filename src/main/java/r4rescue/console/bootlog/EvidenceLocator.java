package r4rescue.console.bootlog;

import r4rescue.console.ConsoleModel;
import r4rescue.console.LineAssembler;
import r4rescue.console.StyledLine;

/**
 * Finds the console line an observer finding points at. The feed and the console view read the
 * stream on different threads, so the feed only knows roughly where the view was (a hint); the
 * line is the one nearest the hint whose text holds the evidence, else the last one in the
 * scrollback that does.
 */
public final class EvidenceLocator {

    /** How far from the hint to look first (the view may lag or lead the feed by a few chunks). */
    static final int RADIUS = 500;

    private EvidenceLocator() {
    }

    /** The sequence number of the line showing {@code evidence}, or -1 if the scrollback has none. */
    public static long locate(ConsoleModel model, String evidence, long hint) {
        String needle = needle(evidence);
        if (needle.isEmpty()) {
            return -1;
        }
        long first = model.firstSeq();
        long end = model.endSeq();
        if (hint >= first && hint < end + RADIUS) {
            for (int d = 0; d <= RADIUS; d++) {
                if (holds(model, hint - d, needle)) {
                    return hint - d;
                }
                if (d > 0 && holds(model, hint + d, needle)) {
                    return hint + d;
                }
            }
        }
        for (long s = end - 1; s >= first; s--) {
            if (holds(model, s, needle)) {
                return s;
            }
        }
        return -1;
    }

    private static boolean holds(ConsoleModel model, long seq, String needle) {
        StyledLine l = model.line(seq);
        return l != null && !l.marker() && l.text().contains(needle);
    }

    /** The longest tab-free piece of the cleaned evidence: the console turns tabs into spaces. */
    private static String needle(String evidence) {
        if (evidence == null) {
            return "";
        }
        String best = "";
        for (String piece : new LineCleaner(LineAssembler.MAX_LINE).clean(evidence).split("\t")) {
            String p = piece.strip();
            if (p.length() > best.length()) {
                best = p;
            }
        }
        return best;
    }
}
