package r4rescue.sim.linux;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import r4rescue.sim.ShellWords;

/**
 * Parses an ash command line into a tree as ash's grammar has it: lists of and-or lists of
 * pipelines ({@code !} negates) of commands, where a command is simple (words and redirections)
 * or compound — {@code ( list )}, {@code { list; }}, {@code while}/{@code until}, {@code for NAME in
 * WORDS}, {@code if/elif/else} — followed by its own redirections. Reserved words count only where
 * a command starts, as in ash. Words stay raw (quotes kept) until {@link #expand}, which runs just
 * before the command, so {@code $?} sees the previous command's status.
 */
final class ShellParser {

    static final class SyntaxError extends Exception {
        SyntaxError(String m) {
            super(m);
        }
    }

    /** Redirections of one command; targets are raw words until expanded. */
    record Redirs(String stdinFile, String heredoc, String stdoutFile, boolean append, String stderrFile, boolean stderrToStdout) {
        static final Redirs NONE = new Redirs(null, null, null, false, null, false);

        Redirs expand(Function<String, String> vars, Function<String, String> subst) {
            return new Redirs(one(stdinFile, vars, subst), heredoc, one(stdoutFile, vars, subst), append,
                    one(stderrFile, vars, subst), stderrToStdout);
        }

        private static String one(String w, Function<String, String> vars, Function<String, String> subst) {
            if (w == null) {
                return null;
            }
            List<String> e = ShellParser.expand(w, vars, subst, null);
            return e.isEmpty() ? "" : String.join(" ", e);
        }
    }

    sealed interface Node permits Simple, Seq, AndOr, Pipe, Group, Loop, For, If {
    }

    /** One command with its raw words. */
    record Simple(List<String> argv, Redirs redirs) implements Node {
    }

    record Seq(List<Node> items) implements Node {
    }

    record AndOr(List<Node> pipelines, List<String> ops) implements Node {
    }

    record Pipe(List<Node> commands, boolean negate) implements Node {
    }

    /** {@code ( list )} when {@code subshell}, else {@code { list; }}. */
    record Group(Node body, boolean subshell, Redirs redirs) implements Node {
    }

    /** {@code while} (or {@code until}) cond; do body; done. */
    record Loop(Node cond, Node body, boolean until, Redirs redirs) implements Node {
    }

    record For(String var, List<String> words, Node body, Redirs redirs) implements Node {
    }

    record If(List<Node> conds, List<Node> bodies, Node elseBody, Redirs redirs) implements Node {
    }

    private static final Set<String> LIST_END = Set.of("do", "done", "then", "elif", "else", "fi", "}", "\u0000)");

    private final String s;
    private int p;
    private List<String> toks;
    private int t;
    private Iterator<String> docs;

    ShellParser(String s) {
        this.s = s;
    }

    /** The here-document delimiters a line asks for, in order (quotes removed). */
    static List<String> heredocDelimiters(String line) {
        List<String> out = new ArrayList<>();
        try {
            for (String tk : new ShellParser(line).tokens()) {
                if (tk.startsWith("\u0000<<")) {
                    out.add(tk.substring(3));
                }
            }
        } catch (SyntaxError e) {
            return out;
        }
        return out;
    }

    Node parse(List<String> heredocs) throws SyntaxError {
        toks = tokens();
        t = 0;
        docs = heredocs.iterator();
        Node n = list();
        if (t < toks.size()) {
            throw new SyntaxError("unexpected " + show(toks.get(t)));
        }
        return n;
    }

    private static String show(String tok) {
        return tok.startsWith("\u0000") ? "\"" + tok.substring(1) + "\"" : "word '" + tok + "'";
    }

    private String peek() {
        return t < toks.size() ? toks.get(t) : null;
    }

    private boolean at(String tok) {
        return tok.equals(peek());
    }

    private void expect(String tok) throws SyntaxError {
        if (!at(tok)) {
            throw new SyntaxError(peek() == null ? "unexpected end of file (expecting \"" + tok.replace("\u0000", "") + "\")"
                    : "unexpected " + show(peek()) + " (expecting \"" + tok.replace("\u0000", "") + "\")");
        }
        t++;
    }

    private Node list() throws SyntaxError {
        List<Node> items = new ArrayList<>();
        while (peek() != null && !LIST_END.contains(peek())) {
            if (at("\u0000;") || at("\u0000&")) {
                if (items.isEmpty()) {
                    throw new SyntaxError("unexpected " + show(peek()));
                }
                t++;
                continue;
            }
            items.add(andOr());
            if (peek() != null && !at("\u0000;") && !at("\u0000&") && !LIST_END.contains(peek())) {
                throw new SyntaxError("unexpected " + show(peek()));
            }
        }
        return new Seq(items);
    }

    private Node andOr() throws SyntaxError {
        List<Node> pipes = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        pipes.add(pipeline());
        while (at("\u0000&&") || at("\u0000||")) {
            ops.add(toks.get(t++).substring(1));
            pipes.add(pipeline());
        }
        return new AndOr(pipes, ops);
    }

    private Node pipeline() throws SyntaxError {
        boolean negate = false;
        if (at("!")) {
            negate = true;
            t++;
        }
        List<Node> cmds = new ArrayList<>();
        cmds.add(command());
        while (at("\u0000|")) {
            t++;
            cmds.add(command());
        }
        return new Pipe(cmds, negate);
    }

    private Node command() throws SyntaxError {
        String w = peek();
        if (w == null) {
            throw new SyntaxError("unexpected end of file");
        }
        switch (w) {
            case "\u0000(" -> {
                t++;
                Node body = list();
                expect("\u0000)");
                return new Group(body, true, redirs(new Builder()));
            }
            case "{" -> {
                t++;
                Node body = list();
                expect("}");
                return new Group(body, false, redirs(new Builder()));
            }
            case "while", "until" -> {
                t++;
                Node cond = list();
                expect("do");
                Node body = list();
                expect("done");
                return new Loop(cond, body, w.equals("until"), redirs(new Builder()));
            }
            case "for" -> {
                t++;
                String var = peek();
                if (var == null || var.startsWith("\u0000")) {
                    throw new SyntaxError("bad for loop variable");
                }
                t++;
                List<String> words = new ArrayList<>();
                if (at("in")) {
                    t++;
                    while (peek() != null && !peek().startsWith("\u0000")) {
                        words.add(toks.get(t++));
                    }
                } else {
                    words.add("$@");
                }
                if (at("\u0000;")) {
                    t++;
                }
                expect("do");
                Node body = list();
                expect("done");
                return new For(var, words, body, redirs(new Builder()));
            }
            case "if" -> {
                t++;
                List<Node> conds = new ArrayList<>();
                List<Node> bodies = new ArrayList<>();
                conds.add(list());
                expect("then");
                bodies.add(list());
                Node elseBody = null;
                while (true) {
                    if (at("elif")) {
                        t++;
                        conds.add(list());
                        expect("then");
                        bodies.add(list());
                    } else if (at("else")) {
                        t++;
                        elseBody = list();
                    } else {
                        expect("fi");
                        break;
                    }
                }
                return new If(conds, bodies, elseBody, redirs(new Builder()));
            }
            default -> {
                if (LIST_END.contains(w) || w.equals("\u0000|") || w.equals("\u0000&&") || w.equals("\u0000||")
                        || w.equals("\u0000;") || w.equals("\u0000&")) {
                    throw new SyntaxError("unexpected " + show(w));
                }
                return simple();
            }
        }
    }

    private Node simple() throws SyntaxError {
        Builder b = new Builder();
        while (peek() != null) {
            String w = peek();
            if (w.startsWith("\u0000") && !isRedir(w)) {
                break;
            }
            if (isRedir(w)) {
                redir(b);
            } else {
                b.argv.add(w);
                t++;
            }
        }
        if (b.argv.isEmpty() && b.empty()) {
            throw new SyntaxError("unexpected " + (peek() == null ? "end of file" : show(peek())));
        }
        return new Simple(b.argv, b.build());
    }

    private static boolean isRedir(String w) {
        return w.startsWith("\u0000<<") || Set.of("\u0000>", "\u0000>>", "\u0000<", "\u00002>", "\u00002>>", "\u00002>&1").contains(w);
    }

    private Redirs redirs(Builder b) throws SyntaxError {
        while (peek() != null && isRedir(peek())) {
            redir(b);
        }
        return b.build();
    }

    private void redir(Builder b) throws SyntaxError {
        String op = toks.get(t++).substring(1);
        if (op.startsWith("<<")) {
            b.heredoc = docs.hasNext() ? docs.next() : "";
            return;
        }
        if (op.equals("2>&1")) {
            b.stderrToStdout = true;
            return;
        }
        String target = peek();
        if (target == null || target.startsWith("\u0000")) {
            throw new SyntaxError(target == null ? "unexpected newline" : "unexpected " + show(target));
        }
        t++;
        switch (op) {
            case ">" -> b.stdout = target;
            case ">>" -> {
                b.stdout = target;
                b.append = true;
            }
            case "<" -> b.stdin = target;
            default -> b.stderr = target;
        }
    }

    private static final class Builder {
        final List<String> argv = new ArrayList<>();
        String stdin;
        String heredoc;
        String stdout;
        boolean append;
        String stderr;
        boolean stderrToStdout;

        boolean empty() {
            return stdout == null && heredoc == null && stdin == null && stderr == null;
        }

        Redirs build() {
            return empty() && !stderrToStdout ? Redirs.NONE : new Redirs(stdin, heredoc, stdout, append, stderr, stderrToStdout);
        }
    }

    /** Raw words, and operators prefixed with NUL. */
    private List<String> tokens() throws SyntaxError {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        while (p < s.length()) {
            char c = s.charAt(p);
            int raw = ShellWords.rawSpanEnd(s, p);
            if (raw < 0) {
                throw new SyntaxError("unterminated quoted string");
            }
            if (raw > p) {
                w.append(s, p, raw);
                p = raw;
            } else if (c == '$' && p + 1 < s.length() && (s.charAt(p + 1) == '(' || s.charAt(p + 1) == '{')) {
                char open = s.charAt(p + 1);
                char close = open == '(' ? ')' : '}';
                int depth = 0;
                int e = p + 1;
                do {
                    if (s.charAt(e) == open) {
                        depth++;
                    } else if (s.charAt(e) == close) {
                        depth--;
                    }
                    e++;
                } while (depth > 0 && e < s.length());
                if (depth > 0) {
                    throw new SyntaxError("unterminated $" + open);
                }
                w.append(s, p, e);
                p = e;
            } else if (c == ' ' || c == '\t') {
                flush(out, w);
                p++;
            } else if (c == '\n') {
                flush(out, w);
                out.add("\u0000;");
                p++;
            } else if (c == '#' && w.length() == 0) {
                int nl = s.indexOf('\n', p);
                p = nl < 0 ? s.length() : nl;
            } else if (c == '2' && w.length() == 0 && s.startsWith("2>&1", p)) {
                flush(out, w);
                out.add("\u00002>&1");
                p += 4;
            } else if (c == '2' && w.length() == 0 && p + 1 < s.length() && s.charAt(p + 1) == '>') {
                flush(out, w);
                boolean app = s.startsWith("2>>", p);
                out.add(app ? "\u00002>>" : "\u00002>");
                p += app ? 3 : 2;
            } else if (c == '<' && s.startsWith("<<", p)) {
                flush(out, w);
                p += 2;
                if (p < s.length() && s.charAt(p) == '-') {
                    p++;
                }
                while (p < s.length() && s.charAt(p) == ' ') {
                    p++;
                }
                int st = p;
                while (p < s.length() && " ;|&<>()".indexOf(s.charAt(p)) < 0) {
                    p++;
                }
                String d = s.substring(st, p).replace("'", "").replace("\"", "").replace("\\", "");
                if (d.isEmpty()) {
                    throw new SyntaxError("unexpected newline");
                }
                out.add("\u0000<<" + d);
            } else if ("|&;<>()".indexOf(c) >= 0) {
                flush(out, w);
                String two = p + 1 < s.length() ? s.substring(p, p + 2) : "";
                if (two.equals("&&") || two.equals("||") || two.equals(">>")) {
                    out.add("\u0000" + two);
                    p += 2;
                } else {
                    out.add("\u0000" + c);
                    p++;
                }
            } else {
                w.append(c);
                p++;
            }
        }
        flush(out, w);
        return out;
    }

    private static void flush(List<String> out, StringBuilder w) {
        if (w.length() > 0) {
            out.add(w.toString());
            w.setLength(0);
        }
    }

    /**
     * Quote removal, {@code $VAR ${VAR} ${VAR##pat} $? $1 $# $@ $(cmd) $((expr))} expansion; unquoted
     * expansions split on blanks; with a {@code glob} function, words with unquoted {@code * ? [}
     * become the paths they match (kept as written when nothing matches, as ash does).
     */
    static List<String> expand(String w, Function<String, String> vars, Function<String, String> subst,
                               Function<String, List<String>> glob) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        StringBuilder pat = new StringBuilder();
        boolean[] globbed = {false};
        boolean any = false;
        int i = 0;
        while (i < w.length()) {
            char c = w.charAt(i);
            if (c == '\'') {
                int e = w.indexOf('\'', i + 1);
                String lit = w.substring(i + 1, e);
                cur.append(lit);
                quoteInto(pat, lit);
                any = true;
                i = e + 1;
            } else if (c == '"') {
                any = true;
                i++;
                while (i < w.length() && w.charAt(i) != '"') {
                    char d = w.charAt(i);
                    if (ShellWords.escapesInDoubleQuotes(w, i)) {
                        cur.append(w.charAt(i + 1));
                        quoteInto(pat, String.valueOf(w.charAt(i + 1)));
                        i += 2;
                    } else if (d == '$') {
                        int[] end = new int[1];
                        String v = dollar(w, i, end, vars, subst);
                        String lit = v == null ? "$" : v;
                        cur.append(lit);
                        quoteInto(pat, lit);
                        i = v == null ? i + 1 : end[0];
                    } else {
                        cur.append(d);
                        quoteInto(pat, String.valueOf(d));
                        i++;
                    }
                }
                i++;
            } else if (c == '\\' && i + 1 < w.length()) {
                cur.append(w.charAt(i + 1));
                quoteInto(pat, String.valueOf(w.charAt(i + 1)));
                any = true;
                i += 2;
            } else if (c == '$') {
                int[] end = new int[1];
                String v = dollar(w, i, end, vars, subst);
                if (v == null) {
                    cur.append('$');
                    pat.append('$');
                    any = true;
                    i++;
                    continue;
                }
                String[] parts = ShellWords.fields(v);
                for (int k = 0; k < parts.length; k++) {
                    if (k > 0 && (cur.length() > 0 || any)) {
                        addWord(out, cur, pat, globbed, glob);
                        any = false;
                    }
                    cur.append(parts[k]);
                    quoteInto(pat, parts[k]);
                    any |= !parts[k].isEmpty();
                }
                i = end[0];
            } else {
                cur.append(c);
                if (c == '*' || c == '?' || c == '[') {
                    globbed[0] = true;
                    pat.append(c);
                } else {
                    quoteInto(pat, String.valueOf(c));
                }
                any = true;
                i++;
            }
        }
        if (any || cur.length() > 0) {
            addWord(out, cur, pat, globbed, glob);
        }
        return out;
    }

    /** Glob pattern text where quoted characters are escaped with a backslash. */
    private static void quoteInto(StringBuilder pat, String lit) {
        for (char ch : lit.toCharArray()) {
            if ("*?[\\".indexOf(ch) >= 0) {
                pat.append('\\');
            }
            pat.append(ch);
        }
    }

    private static void addWord(List<String> out, StringBuilder cur, StringBuilder pat, boolean[] globbed,
                                Function<String, List<String>> glob) {
        List<String> matches = globbed[0] && glob != null ? glob.apply(pat.toString()) : List.of();
        if (matches.isEmpty()) {
            out.add(cur.toString());
        } else {
            out.addAll(matches);
        }
        cur.setLength(0);
        pat.setLength(0);
        globbed[0] = false;
    }

    /** A glob pattern (backslash escapes) as a regular expression for one path segment. */
    static String globRegex(String segment) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' && i + 1 < segment.length()) {
                r.append(java.util.regex.Pattern.quote(String.valueOf(segment.charAt(++i))));
            } else if (c == '*') {
                r.append("[^/]*");
            } else if (c == '?') {
                r.append("[^/]");
            } else if (c == '[') {
                int e = segment.indexOf(']', i + 1);
                if (e < 0) {
                    r.append("\\[");
                } else {
                    String set = segment.substring(i + 1, e);
                    r.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                    i = e;
                }
            } else {
                r.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return r.toString();
    }

    private static String dollar(String w, int at, int[] end, Function<String, String> vars, Function<String, String> subst) {
        int i = at + 1;
        if (i >= w.length()) {
            return null;
        }
        char c = w.charAt(i);
        if (c == '(') {
            boolean arith = w.startsWith("((", i);
            int depth = 0;
            int e = i;
            do {
                if (w.charAt(e) == '(') {
                    depth++;
                } else if (w.charAt(e) == ')') {
                    depth--;
                }
                e++;
            } while (depth > 0 && e < w.length());
            end[0] = e;
            if (arith) {
                return Long.toString(Arith.eval(w.substring(i + 2, e - 2), vars));
            }
            return subst.apply(w.substring(i + 1, e - 1));
        }
        if (c == '{') {
            int e = w.indexOf('}', i);
            if (e < 0) {
                return null;
            }
            end[0] = e + 1;
            return ParamOps.apply(w.substring(i + 1, e), vars);
        }
        if (c == '?' || c == '#' || c == '@' || c == '*' || Character.isDigit(c)) {
            end[0] = i + 1;
            return vars.apply(String.valueOf(c));
        }
        if (Character.isLetter(c) || c == '_') {
            int e = ShellWords.nameEnd(w, i);
            end[0] = e;
            return vars.apply(w.substring(i, e));
        }
        return null;
    }
}
