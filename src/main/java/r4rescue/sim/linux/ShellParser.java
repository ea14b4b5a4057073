package r4rescue.sim.linux;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Splits an ash command line into and-or lists of pipelines of simple commands with their
 * redirections. Words stay raw (quotes kept) until {@link Simple#expand}, which runs just
 * before the command, so {@code $?} sees the previous command's status.
 */
final class ShellParser {

    static final class SyntaxError extends Exception {
        SyntaxError(String m) {
            super(m);
        }
    }

    /** One command; redirect targets are raw words until expanded. */
    record Simple(List<String> argv, String stdinFile, String heredoc, String stdoutFile, boolean append,
                  String stderrFile, boolean stderrToStdout) {

        Simple expand(Function<String, String> vars, Function<String, String> subst) {
            List<String> out = new ArrayList<>();
            for (String w : argv) {
                out.addAll(ShellParser.expand(w, vars, subst));
            }
            return new Simple(out, one(stdinFile, vars, subst), heredoc, one(stdoutFile, vars, subst), append,
                    one(stderrFile, vars, subst), stderrToStdout);
        }

        private static String one(String w, Function<String, String> vars, Function<String, String> subst) {
            if (w == null) {
                return null;
            }
            List<String> e = ShellParser.expand(w, vars, subst);
            return e.isEmpty() ? "" : String.join(" ", e);
        }
    }

    record AndOr(List<List<Simple>> pipelines, List<String> ops) {
    }

    private final String s;
    private int p;

    ShellParser(String s) {
        this.s = s;
    }

    /** The here-document delimiters a line asks for, in order (quotes removed). */
    static List<String> heredocDelimiters(String line) {
        List<String> out = new ArrayList<>();
        try {
            for (String t : new ShellParser(line).tokens()) {
                if (t.startsWith("\u0000<<")) {
                    out.add(t.substring(3));
                }
            }
        } catch (SyntaxError e) {
            return out;
        }
        return out;
    }

    List<AndOr> parse(List<String> heredocs) throws SyntaxError {
        Iterator<String> docs = heredocs.iterator();
        List<AndOr> result = new ArrayList<>();
        List<List<Simple>> pipes = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        List<Simple> pipe = new ArrayList<>();
        Builder cur = new Builder();
        for (String t : tokens()) {
            if (t.startsWith("\u0000")) {
                String op = t.substring(1);
                if (op.startsWith("<<")) {
                    cur.heredoc = docs.hasNext() ? docs.next() : "";
                    continue;
                }
                switch (op) {
                    case "|" -> {
                        pipe.add(cur.build());
                        cur = new Builder();
                    }
                    case "&&", "||" -> {
                        pipe.add(cur.build());
                        cur = new Builder();
                        pipes.add(pipe);
                        pipe = new ArrayList<>();
                        ops.add(op);
                    }
                    case ";", "&" -> {
                        if (!cur.empty()) {
                            pipe.add(cur.build());
                        }
                        cur = new Builder();
                        if (!pipe.isEmpty()) {
                            pipes.add(pipe);
                        }
                        if (!pipes.isEmpty()) {
                            result.add(new AndOr(pipes, ops));
                        }
                        pipes = new ArrayList<>();
                        ops = new ArrayList<>();
                        pipe = new ArrayList<>();
                    }
                    case ">", ">>", "<", "2>", "2>>" -> cur.pending = op;
                    case "2>&1" -> cur.stderrToStdout = true;
                    default -> throw new SyntaxError("unexpected " + op);
                }
                continue;
            }
            if (cur.pending != null) {
                switch (cur.pending) {
                    case ">" -> cur.stdout = t;
                    case ">>" -> {
                        cur.stdout = t;
                        cur.append = true;
                    }
                    case "<" -> cur.stdin = t;
                    default -> cur.stderr = t;
                }
                cur.pending = null;
                continue;
            }
            cur.argv.add(t);
        }
        if (cur.pending != null) {
            throw new SyntaxError("unexpected newline");
        }
        if (!cur.empty()) {
            pipe.add(cur.build());
        } else if (!pipe.isEmpty() || !ops.isEmpty()) {
            throw new SyntaxError("unexpected end of file");
        }
        if (!pipe.isEmpty()) {
            pipes.add(pipe);
        }
        if (!pipes.isEmpty()) {
            result.add(new AndOr(pipes, ops));
        }
        return result;
    }

    private static final class Builder {
        final List<String> argv = new ArrayList<>();
        String stdin;
        String heredoc;
        String stdout;
        boolean append;
        String stderr;
        boolean stderrToStdout;
        String pending;

        boolean empty() {
            return argv.isEmpty() && stdout == null && heredoc == null && stdin == null;
        }

        Simple build() {
            return new Simple(argv, stdin, heredoc, stdout, append, stderr, stderrToStdout);
        }
    }

    /** Raw words, and operators prefixed with NUL. */
    private List<String> tokens() throws SyntaxError {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '\'' || c == '"') {
                int e = p + 1;
                while (e < s.length() && s.charAt(e) != c) {
                    if (c == '"' && s.charAt(e) == '\\') {
                        e++;
                    }
                    e++;
                }
                if (e >= s.length()) {
                    throw new SyntaxError("unterminated quoted string");
                }
                w.append(s, p, e + 1);
                p = e + 1;
            } else if (c == '\\' && p + 1 < s.length()) {
                w.append(s, p, p + 2);
                p += 2;
            } else if (c == '$' && p + 1 < s.length() && s.charAt(p + 1) == '(') {
                int depth = 0;
                int e = p + 1;
                do {
                    if (s.charAt(e) == '(') {
                        depth++;
                    } else if (s.charAt(e) == ')') {
                        depth--;
                    }
                    e++;
                } while (depth > 0 && e < s.length());
                if (depth > 0) {
                    throw new SyntaxError("unterminated $(");
                }
                w.append(s, p, e);
                p = e;
            } else if (c == ' ' || c == '\t') {
                flush(out, w);
                p++;
            } else if (c == '#' && w.length() == 0) {
                break;
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
                while (p < s.length() && " ;|&<>".indexOf(s.charAt(p)) < 0) {
                    p++;
                }
                String d = s.substring(st, p).replace("'", "").replace("\"", "").replace("\\", "");
                if (d.isEmpty()) {
                    throw new SyntaxError("unexpected newline");
                }
                out.add("\u0000<<" + d);
            } else if ("|&;<>".indexOf(c) >= 0) {
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

    /** Quote removal and $VAR / ${VAR} / $? / $(cmd) expansion; unquoted expansions split on blanks. */
    static List<String> expand(String w, Function<String, String> vars, Function<String, String> subst) {
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
                    if (d == '\\' && i + 1 < w.length() && "\"\\$`".indexOf(w.charAt(i + 1)) >= 0) {
                        cur.append(w.charAt(i + 1));
                        i += 2;
                    } else if (d == '$') {
                        int[] end = new int[1];
                        String v = dollar(w, i, end, vars, subst);
                        cur.append(v == null ? "$" : v);
                        i = v == null ? i + 1 : end[0];
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
                String v = dollar(w, i, end, vars, subst);
                if (v == null) {
                    cur.append('$');
                    any = true;
                    i++;
                    continue;
                }
                String[] parts = v.split("[ \t\n]+", -1);
                for (int k = 0; k < parts.length; k++) {
                    if (k > 0 && (cur.length() > 0 || any)) {
                        out.add(cur.toString());
                        cur.setLength(0);
                        any = false;
                    }
                    cur.append(parts[k]);
                    any |= !parts[k].isEmpty();
                }
                i = end[0];
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

    private static String dollar(String w, int at, int[] end, Function<String, String> vars, Function<String, String> subst) {
        int i = at + 1;
        if (i >= w.length()) {
            return null;
        }
        char c = w.charAt(i);
        if (c == '(') {
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
            return subst.apply(w.substring(i + 1, e - 1));
        }
        if (c == '{') {
            int e = w.indexOf('}', i);
            if (e < 0) {
                return null;
            }
            end[0] = e + 1;
            return vars.apply(w.substring(i + 1, e));
        }
        if (c == '?') {
            end[0] = i + 1;
            return vars.apply("?");
        }
        if (Character.isLetter(c) || c == '_') {
            int e = i;
            while (e < w.length() && (Character.isLetterOrDigit(w.charAt(e)) || w.charAt(e) == '_')) {
                e++;
            }
            end[0] = e;
            return vars.apply(w.substring(i, e));
        }
        return null;
    }
}
