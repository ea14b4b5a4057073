package r4rescue.console.bootlog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds which of many ASCII literals occur in a line in one pass (Aho-Corasick), so each line costs
 * one walk over its characters however many anchors and signatures there are.
 */
final class LiteralMatcher {

    private final int[] classOf = new int[128];
    private final int classes;
    private final int[] next;
    private final int[][] out;
    private final int literalCount;

    LiteralMatcher(List<String> literals) {
        int c = 1;
        for (String lit : literals) {
            for (int i = 0; i < lit.length(); i++) {
                char ch = lit.charAt(i);
                if (ch >= 128) {
                    throw new IllegalArgumentException("literal must be ASCII: " + lit);
                }
                if (classOf[ch] == 0) {
                    classOf[ch] = c++;
                }
            }
        }
        classes = c;
        List<int[]> gotoRows = new ArrayList<>();
        List<List<Integer>> outs = new ArrayList<>();
        gotoRows.add(filled(classes));
        outs.add(new ArrayList<>());
        for (int id = 0; id < literals.size(); id++) {
            String lit = literals.get(id);
            if (lit.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
            int s = 0;
            for (int i = 0; i < lit.length(); i++) {
                int k = classOf[lit.charAt(i)];
                if (gotoRows.get(s)[k] < 0) {
                    gotoRows.get(s)[k] = gotoRows.size();
                    gotoRows.add(filled(classes));
                    outs.add(new ArrayList<>());
                }
                s = gotoRows.get(s)[k];
            }
            outs.get(s).add(id);
        }
        int n = gotoRows.size();
        next = new int[n * classes];
        int[] fail = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < classes; k++) {
            int t = gotoRows.get(0)[k];
            if (t < 0) {
                next[k] = 0;
            } else {
                next[k] = t;
                fail[t] = 0;
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            outs.get(s).addAll(outs.get(fail[s]));
            for (int k = 0; k < classes; k++) {
                int t = gotoRows.get(s)[k];
                if (t < 0) {
                    next[s * classes + k] = next[fail[s] * classes + k];
                } else {
                    next[s * classes + k] = t;
                    fail[t] = next[fail[s] * classes + k];
                    queue.add(t);
                }
            }
        }
        out = new int[n][];
        for (int s = 0; s < n; s++) {
            out[s] = outs.get(s).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        literalCount = literals.size();
    }

    private static int[] filled(int size) {
        int[] row = new int[size];
        Arrays.fill(row, -1);
        return row;
    }

    /**
     * Writes the ids of the literals found in {@code s} (each once) to {@code hits}; returns their
     * count. {@code seen} is the caller's scratch of {@link #size()} entries, all false (left so).
     * Immutable tables and caller-owned scratch keep one matcher shareable between threads.
     */
    int find(String s, int[] hits, boolean[] seen) {
        int state = 0;
        int count = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char ch = s.charAt(i);
            state = next[state * classes + (ch < 128 ? classOf[ch] : 0)];
            int[] o = out[state];
            for (int j = 0; j < o.length; j++) {
                int id = o[j];
                if (!seen[id] && count < hits.length) {
                    seen[id] = true;
                    hits[count++] = id;
                }
            }
        }
        for (int j = 0; j < count; j++) {
            seen[hits[j]] = false;
        }
        return count;
    }

    int size() {
        return literalCount;
    }
}
