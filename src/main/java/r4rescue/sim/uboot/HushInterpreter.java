package r4rescue.sim.uboot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import r4rescue.sim.ShellWords;

/**
 * The subset of U-Boot's hush shell the board's scripts and our procedures use: words with
 * single/double quotes and backslash escapes, {@code $var}/{@code ${var}}/{@code $?} expansion at
 * run time, {@code ;} and newlines, {@code &&}/{@code ||}, {@code if/then/elif/else/fi},
 * {@code while/until ... do ... done}, and {@code name=value} shell variables.
 */
public final class HushInterpreter {

    /** Runs one expanded command line and returns its exit status. */
    public interface Executor {
        int exec(List<String> argv);

        /** Ctrl-C pending: loops stop. */
        default boolean interrupted() {
            return false;
        }
    }

    /** A syntax error, reported as hush does ("syntax error"). */
    public static final class SyntaxError extends Exception {
        public SyntaxError(String m) {
            super(m);
        }
    }

    private sealed interface Node permits Simple, AndOr, Seq, If, Loop {
    }

    private record Simple(List<String> rawWords) implements Node {
    }

    private record AndOr(Node first, List<String> ops, List<Node> rest) implements Node {
    }

    private record Seq(List<Node> items) implements Node {
    }

    private record If(List<Node> conds, List<Node> bodies, Node elseBody) implements Node {
    }

    private record Loop(boolean until, Node cond, Node body) implements Node {
    }

    private final Function<String, String> lookup;
    private int last;

    /** {@code lookup} resolves a variable name (shell locals first, then the environment). */
    public HushInterpreter(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    public int lastStatus() {
        return last;
    }

    public void setLastStatus(int s) {
        last = s;
    }

    /** Parses and runs {@code script}; returns the status of the last command. */
    public int run(String script, Executor ex) throws SyntaxError {
        Node n = new Parser(tokenize(script)).parseAll();
        return exec(n, ex);
    }

    private int exec(Node n, Executor ex) {
        if (n instanceof Simple s) {
            List<String> argv = new ArrayList<>();
            for (String w : s.rawWords()) {
                argv.addAll(expand(w));
            }
            if (argv.isEmpty()) {
                return last;
            }
            last = ex.exec(argv);
            return last;
        }
        if (n instanceof Seq q) {
            int st = last;
            for (Node i : q.items()) {
                st = exec(i, ex);
            }
            return st;
        }
        if (n instanceof AndOr a) {
            int st = exec(a.first(), ex);
            for (int i = 0; i < a.ops().size(); i++) {
                boolean and = a.ops().get(i).equals("&&");
                if ((and && st == 0) || (!and && st != 0)) {
                    st = exec(a.rest().get(i), ex);
                }
            }
            last = st;
            return st;
        }
        if (n instanceof If f) {
            for (int i = 0; i < f.conds().size(); i++) {
                if (exec(f.conds().get(i), ex) == 0) {
                    return last = exec(f.bodies().get(i), ex);
                }
            }
            last = f.elseBody() != null ? exec(f.elseBody(), ex) : 0;
            return last;
        }
        Loop l = (Loop) n;
        int st = 0;
        while (!ex.interrupted()) {
            int c = exec(l.cond(), ex);
            if ((c == 0) == l.until()) {
                break;
            }
            st = exec(l.body(), ex);
        }
        last = st;
        return st;
    }

    /** Expands one raw word: quotes removed, variables substituted, unquoted expansions split on blanks. */
    List<String> expand(String w) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean any = false;
        int i = 0;
        while (i < w.length()) {
            char c = w.charAt(i);
            if (c == '\'') {
                int e = w.indexOf('\'', i + 1);
                cur.append(w, i + 1, e);
                any = true;
                i = e + 1;
            } else if (c == '"') {
                any = true;
                i++;
                while (i < w.length() && w.charAt(i) != '"') {
                    char d = w.charAt(i);
                    if (ShellWords.escapesInDoubleQuotes(w, i)) {
                        cur.append(w.charAt(i + 1));
                        i += 2;
                    } else if (d == '$') {
                        int[] end = new int[1];
                        String v = variable(w, i, end);
                        if (v == null) {
                            cur.append('$');
                            i++;
                        } else {
                            cur.append(v);
                            i = end[0];
                        }
                    } else {
                        cur.append(d);
                        i++;
                    }
                }
                i++;
            } else if (c == '\\' && i + 1 < w.length()) {
                cur.append(w.charAt(i + 1));
                any = true;
                i += 2;
            } else if (c == '$') {
                int[] end = new int[1];
                String v = variable(w, i, end);
                if (v == null) {
                    cur.append('$');
                    any = true;
                    i++;
                } else {
                    String[] parts = ShellWords.fields(v);
                    for (int p = 0; p < parts.length; p++) {
                        if (p > 0) {
                            if (cur.length() > 0 || any) {
                                out.add(cur.toString());
                            }
                            cur.setLength(0);
                            any = false;
                        }
                        cur.append(parts[p]);
                        if (!parts[p].isEmpty()) {
                            any = true;
                        }
                    }
                    i = end[0];
                }
            } else {
                cur.append(c);
                any = true;
                i++;
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private String variable(String w, int dollar, int[] end) {
        int i = dollar + 1;
        if (i >= w.length()) {
            return null;
        }
        char c = w.charAt(i);
        String name;
        if (c == '{') {
            int e = w.indexOf('}', i);
            if (e < 0) {
                return null;
            }
            name = w.substring(i + 1, e);
            end[0] = e + 1;
        } else if (c == '?') {
            end[0] = i + 1;
            return Integer.toString(last);
        } else if (Character.isLetterOrDigit(c) || c == '_') {
            int e = ShellWords.nameEnd(w, i);
            name = w.substring(i, e);
            end[0] = e;
        } else {
            return null;
        }
        if (name.equals("?")) {
            return Integer.toString(last);
        }
        String v = lookup.apply(name);
        return v == null ? "" : v;
    }

    // ---- tokens and parsing ----------------------------------------------------------------

    private record Tok(String text, boolean op) {
    }

    private static List<Tok> tokenize(String s) throws SyntaxError {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        StringBuilder w = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i);
            int raw = ShellWords.rawSpanEnd(s, i);
            if (raw < 0) {
                throw new SyntaxError("unterminated quote");
            }
            if (raw > i) {
                w.append(s, i, raw);
                i = raw;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                flush(out, w);
                i++;
            } else if (c == ';' || c == '\n') {
                flush(out, w);
                out.add(new Tok(";", true));
                i++;
            } else if ((c == '&' || c == '|') && i + 1 < s.length() && s.charAt(i + 1) == c) {
                flush(out, w);
                out.add(new Tok(c == '&' ? "&&" : "||", true));
                i += 2;
            } else if (c == '#' && w.length() == 0) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                w.append(c);
                i++;
            }
        }
        flush(out, w);
        return out;
    }

    private static void flush(List<Tok> out, StringBuilder w) {
        if (w.length() > 0) {
            out.add(new Tok(w.toString(), false));
            w.setLength(0);
        }
    }

    private static final class Parser {
        private final List<Tok> t;
        private int p;

        Parser(List<Tok> t) {
            this.t = t;
        }

        Node parseAll() throws SyntaxError {
            Node n = list();
            if (p < t.size()) {
                throw new SyntaxError("syntax error");
            }
            return n;
        }

        private boolean atKeyword(String... kws) {
            if (p >= t.size() || t.get(p).op()) {
                return false;
            }
            for (String k : kws) {
                if (t.get(p).text().equals(k)) {
                    return true;
                }
            }
            return false;
        }

        private Node list(String... stops) throws SyntaxError {
            List<Node> items = new ArrayList<>();
            while (p < t.size()) {
                if (t.get(p).op() && t.get(p).text().equals(";")) {
                    p++;
                    continue;
                }
                if (atKeyword(stops)) {
                    break;
                }
                items.add(andOr(stops));
            }
            return new Seq(items);
        }

        private Node andOr(String... stops) throws SyntaxError {
            Node first = command(stops);
            List<String> ops = new ArrayList<>();
            List<Node> rest = new ArrayList<>();
            while (p < t.size() && t.get(p).op() && !t.get(p).text().equals(";")) {
                ops.add(t.get(p++).text());
                rest.add(command(stops));
            }
            return ops.isEmpty() ? first : new AndOr(first, ops, rest);
        }

        private void expect(String kw) throws SyntaxError {
            if (!atKeyword(kw)) {
                throw new SyntaxError("syntax error");
            }
            p++;
        }

        private Node command(String... stops) throws SyntaxError {
            if (atKeyword("if")) {
                p++;
                List<Node> conds = new ArrayList<>();
                List<Node> bodies = new ArrayList<>();
                conds.add(list("then"));
                expect("then");
                bodies.add(list("elif", "else", "fi"));
                Node elseBody = null;
                while (true) {
                    if (atKeyword("elif")) {
                        p++;
                        conds.add(list("then"));
                        expect("then");
                        bodies.add(list("elif", "else", "fi"));
                    } else if (atKeyword("else")) {
                        p++;
                        elseBody = list("fi");
                    } else {
                        expect("fi");
                        break;
                    }
                }
                return new If(conds, bodies, elseBody);
            }
            if (atKeyword("while", "until")) {
                boolean until = t.get(p++).text().equals("until");
                Node cond = list("do");
                expect("do");
                Node body = list("done");
                expect("done");
                return new Loop(until, cond, body);
            }
            List<String> words = new ArrayList<>();
            while (p < t.size() && !t.get(p).op()) {
                if (!words.isEmpty() || !atKeyword(stops)) {
                    if (words.isEmpty() && atKeyword("then", "else", "elif", "fi", "do", "done")) {
                        throw new SyntaxError("syntax error");
                    }
                    words.add(t.get(p++).text());
                } else {
                    break;
                }
            }
            if (words.isEmpty()) {
                throw new SyntaxError("syntax error");
            }
            return new Simple(words);
        }
    }
}
