package r4rescue.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reading of udev rules (udev(7)) for where {@code udevadm verify} (udev 253+) is absent:
 * every line is blank, a comment, or comma-separated {@code KEY[{attr}]OP"value"} pairs whose key
 * is known and whose operator that key allows.
 */
final class UdevRuleSyntax {

    /** One rule line: the key (with {attr} if any) and operator, and the value. */
    record Pair(String key, String op, String value) {
    }

    private static final Set<String> MATCH = Set.of("==", "!=");
    private static final Set<String> ASSIGN = Set.of("=", "+=", "-=", ":=");
    private static final Set<String> BOTH = Set.of("==", "!=", "=", "+=", "-=", ":=");

    private static final Map<String, Set<String>> KEYS = Map.ofEntries(
            Map.entry("ACTION", MATCH), Map.entry("DEVPATH", MATCH), Map.entry("KERNEL", MATCH),
            Map.entry("KERNELS", MATCH), Map.entry("SUBSYSTEM", MATCH), Map.entry("SUBSYSTEMS", MATCH),
            Map.entry("DRIVER", MATCH), Map.entry("DRIVERS", MATCH), Map.entry("ATTRS", MATCH),
            Map.entry("TAGS", MATCH), Map.entry("TEST", MATCH), Map.entry("PROGRAM", MATCH),
            Map.entry("RESULT", MATCH), Map.entry("CONST", MATCH), Map.entry("SYSCTL", BOTH),
            Map.entry("ATTR", BOTH), Map.entry("ENV", BOTH), Map.entry("TAG", BOTH), Map.entry("NAME", BOTH),
            Map.entry("SYMLINK", BOTH), Map.entry("OWNER", ASSIGN), Map.entry("GROUP", ASSIGN),
            Map.entry("MODE", ASSIGN), Map.entry("SECLABEL", ASSIGN), Map.entry("RUN", ASSIGN),
            Map.entry("IMPORT", BOTH), Map.entry("OPTIONS", ASSIGN), Map.entry("LABEL", ASSIGN),
            Map.entry("GOTO", ASSIGN));
    private static final Set<String> WITH_ATTR = Set.of("ATTR", "ATTRS", "SYSCTL", "ENV", "CONST", "TEST",
            "SECLABEL", "RUN", "IMPORT");

    private static final Pattern PAIR = Pattern.compile(
            "\\s*([A-Z_]+)(\\{[^{}\\s]+\\})?\\s*(==|!=|\\+=|-=|:=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

    private UdevRuleSyntax() {
    }

    /** The rules of {@code text}, one list of pairs per rule line. */
    static List<List<Pair>> parse(String text) {
        List<List<Pair>> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            rules.add(parseLine(line, i + 1));
        }
        return rules;
    }

    private static List<Pair> parseLine(String line, int number) {
        List<Pair> pairs = new ArrayList<>();
        Matcher m = PAIR.matcher(line);
        int at = 0;
        while (at < line.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("line " + number + ": cannot read from column " + (at + 1) + ": " + line);
            }
            String key = m.group(1);
            String attr = m.group(2);
            String op = m.group(3);
            Set<String> ops = KEYS.get(key);
            if (ops == null) {
                throw new IllegalArgumentException("line " + number + ": unknown key " + key);
            }
            if ((attr != null) != WITH_ATTR.contains(key) && !(attr == null && Set.of("RUN", "IMPORT", "TEST").contains(key))) {
                throw new IllegalArgumentException("line " + number + ": " + key + (attr == null ? " needs" : " takes no") + " {attribute}");
            }
            if (!ops.contains(op)) {
                throw new IllegalArgumentException("line " + number + ": " + key + " does not take " + op);
            }
            pairs.add(new Pair(key + (attr == null ? "" : attr), op, m.group(4)));
            at = m.end();
            if (m.group(5).equals(",") && at >= line.length()) {
                throw new IllegalArgumentException("line " + number + ": trailing comma");
            }
        }
        return pairs;
    }

    /** The pairs of one rule by key and operator, e.g. {@code ATTRS{idVendor}==}. */
    static Map<String, String> byKeyAndOp(List<Pair> rule) {
        Map<String, String> map = new LinkedHashMap<>();
        rule.forEach(p -> map.put(p.key() + p.op(), p.value()));
        return map;
    }
}
