package r4rescue.sim.linux;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code ${...}} parameter expansion as ash does it: {@code ${V}}, {@code ${#V}}, {@code ${V:-word}},
 * and the pattern removals {@code ${V#pat} ${V##pat} ${V%pat} ${V%%pat}} with glob patterns.
 */
final class ParamOps {

    private ParamOps() {
    }

    static String apply(String inside, Function<String, String> vars) {
        if (inside.startsWith("#") && inside.length() > 1) {
            return Integer.toString(vars.apply(inside.substring(1)).length());
        }
        int i = 0;
        while (i < inside.length() && (Character.isLetterOrDigit(inside.charAt(i)) || inside.charAt(i) == '_'
                || (i == 0 && "?#@*".indexOf(inside.charAt(i)) >= 0))) {
            i++;
        }
        String value = vars.apply(inside.substring(0, i));
        String op = inside.substring(i);
        if (op.isEmpty()) {
            return value;
        }
        if (op.startsWith(":-")) {
            return value.isEmpty() ? op.substring(2) : value;
        }
        if (op.startsWith("-")) {
            return value.isEmpty() ? op.substring(1) : value;
        }
        boolean prefix = op.startsWith("#");
        boolean longest = op.startsWith("##") || op.startsWith("%%");
        if (!prefix && !op.startsWith("%")) {
            return value;
        }
        Pattern pat = Pattern.compile(ShellParser.globRegex(op.substring(longest ? 2 : 1)).replace("[^/]", "."), Pattern.DOTALL);
        if (prefix) {
            int best = -1;
            for (int k = 0; k <= value.length(); k++) {
                if (pat.matcher(value.substring(0, k)).matches()) {
                    best = k;
                    if (!longest) {
                        break;
                    }
                }
            }
            return best < 0 ? value : value.substring(best);
        }
        int best = -1;
        for (int k = value.length(); k >= 0; k--) {
            if (pat.matcher(value.substring(k)).matches()) {
                best = k;
                if (!longest) {
                    break;
                }
            }
        }
        return best < 0 ? value : value.substring(0, best);
    }
}
