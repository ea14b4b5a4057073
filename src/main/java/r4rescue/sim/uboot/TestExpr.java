package r4rescue.sim.uboot;

import java.util.List;

/** U-Boot's {@code test}: -n/-z, string = != &lt; &gt;, numeric -eq -ne -lt -le -gt -ge, !, -a, -o. */
final class TestExpr {

    private TestExpr() {
    }

    static boolean eval(List<String> a) {
        if (a.isEmpty()) {
            return false;
        }
        int or = a.indexOf("-o");
        if (or > 0) {
            return eval(a.subList(0, or)) || eval(a.subList(or + 1, a.size()));
        }
        int and = a.indexOf("-a");
        if (and > 0) {
            return eval(a.subList(0, and)) && eval(a.subList(and + 1, a.size()));
        }
        if (a.get(0).equals("!")) {
            return !eval(a.subList(1, a.size()));
        }
        if (a.size() == 1) {
            return !a.get(0).isEmpty();
        }
        if (a.size() == 2) {
            return switch (a.get(0)) {
                case "-n" -> !a.get(1).isEmpty();
                case "-z" -> a.get(1).isEmpty();
                case "-e" -> false;
                default -> false;
            };
        }
        String l = a.get(0);
        String r = a.get(2);
        return switch (a.get(1)) {
            case "=", "==" -> l.equals(r);
            case "!=" -> !l.equals(r);
            case "<" -> l.compareTo(r) < 0;
            case ">" -> l.compareTo(r) > 0;
            case "-eq" -> num(l) == num(r);
            case "-ne" -> num(l) != num(r);
            case "-lt" -> num(l) < num(r);
            case "-le" -> num(l) <= num(r);
            case "-gt" -> num(l) > num(r);
            case "-ge" -> num(l) >= num(r);
            default -> false;
        };
    }

    private static long num(String s) {
        Long v = Numbers.auto(s);
        return v == null ? 0 : v;
    }
}
