package r4rescue.sim.linux;

import java.util.function.Function;

/** {@code $((...))}: integers, variables, + - * / %, comparisons and parentheses, as ash evaluates them. */
final class Arith {

    private final String s;
    private final Function<String, String> vars;
    private int p;

    private Arith(String s, Function<String, String> vars) {
        this.s = s;
        this.vars = vars;
    }

    static long eval(String expr, Function<String, String> vars) {
        Arith a = new Arith(expr, vars);
        long v = a.compare();
        a.skip();
        if (a.p < a.s.length()) {
            throw new IllegalArgumentException("arithmetic syntax error");
        }
        return v;
    }

    private void skip() {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
    }

    private boolean eat(String op) {
        skip();
        if (s.startsWith(op, p)) {
            p += op.length();
            return true;
        }
        return false;
    }

    private long compare() {
        long l = sum();
        while (true) {
            if (eat("==")) {
                l = l == sum() ? 1 : 0;
            } else if (eat("!=")) {
                l = l != sum() ? 1 : 0;
            } else if (eat("<=")) {
                l = l <= sum() ? 1 : 0;
            } else if (eat(">=")) {
                l = l >= sum() ? 1 : 0;
            } else if (eat("<")) {
                l = l < sum() ? 1 : 0;
            } else if (eat(">")) {
                l = l > sum() ? 1 : 0;
            } else {
                return l;
            }
        }
    }

    private long sum() {
        long l = product();
        while (true) {
            if (eat("+")) {
                l += product();
            } else if (eat("-")) {
                l -= product();
            } else {
                return l;
            }
        }
    }

    private long product() {
        long l = unary();
        while (true) {
            if (eat("*")) {
                l *= unary();
            } else if (eat("/")) {
                l /= unary();
            } else if (eat("%")) {
                l %= unary();
            } else {
                return l;
            }
        }
    }

    private long unary() {
        if (eat("-")) {
            return -unary();
        }
        if (eat("(")) {
            long v = compare();
            if (!eat(")")) {
                throw new IllegalArgumentException("arithmetic syntax error");
            }
            return v;
        }
        skip();
        int st = p;
        if (eat("$")) {
            st = p;
        }
        while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
            p++;
        }
        String tok = s.substring(st, p);
        if (tok.isEmpty()) {
            throw new IllegalArgumentException("arithmetic syntax error");
        }
        if (Character.isDigit(tok.charAt(0))) {
            return Long.parseLong(tok);
        }
        String v = vars.apply(tok).strip();
        return v.isEmpty() ? 0 : Long.parseLong(v);
    }
}
