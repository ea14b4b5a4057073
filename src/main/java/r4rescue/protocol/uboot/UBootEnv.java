package r4rescue.protocol.uboot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * U-Boot's environment as {@code printenv} lists it: {@code name=value} lines in order (a value may
 * contain {@code =}; a line without {@code =} continues the previous value, for values holding a
 * newline), and the closing {@code Environment size: USED/TOTAL bytes}.
 */
public final class UBootEnv {

    private static final Pattern NAME_VALUE = Pattern.compile("^([A-Za-z0-9_.:\\-/]+)=(.*)$");
    private static final Pattern SIZE = Pattern.compile("^Environment size: (\\d+)/(\\d+) bytes");

    private final Map<String, String> vars;
    private final long used;
    private final long total;

    private UBootEnv(Map<String, String> vars, long used, long total) {
        this.vars = Collections.unmodifiableMap(vars);
        this.used = used;
        this.total = total;
    }

    public static UBootEnv parse(String printenvOutput) {
        Map<String, String> vars = new LinkedHashMap<>();
        long used = -1;
        long total = -1;
        String last = null;
        for (String line : printenvOutput.replace("\r", "").split("\n")) {
            Matcher size = SIZE.matcher(line);
            if (size.find()) {
                used = Long.parseLong(size.group(1));
                total = Long.parseLong(size.group(2));
                last = null;
                continue;
            }
            Matcher nv = NAME_VALUE.matcher(line);
            if (nv.matches()) {
                last = nv.group(1);
                vars.put(last, nv.group(2));
            } else if (last != null && !line.isEmpty()) {
                vars.put(last, vars.get(last) + "\n" + line);
            }
        }
        return new UBootEnv(vars, used, total);
    }

    /** Name to value, in printenv's order. */
    public Map<String, String> asMap() {
        return vars;
    }

    /** The value, or null if not set. */
    public String get(String name) {
        return vars.get(name);
    }

    /** Bytes in use, or -1 if printenv did not say. */
    public long usedBytes() {
        return used;
    }

    /** Size of the environment store, or -1 if printenv did not say. */
    public long totalBytes() {
        return total;
    }

    /** Variables that differ from {@code other}, as {@code name: 'old' -> 'new'} lines. */
    public List<String> diff(UBootEnv other) {
        List<String> d = new ArrayList<>();
        for (Map.Entry<String, String> e : other.vars.entrySet()) {
            if (!Objects.equals(e.getValue(), vars.get(e.getKey()))) {
                d.add(e.getKey() + ": '" + e.getValue() + "' -> " + (vars.containsKey(e.getKey())
                        ? "'" + vars.get(e.getKey()) + "'" : "(unset)"));
            }
        }
        for (String k : vars.keySet()) {
            if (!other.vars.containsKey(k)) {
                d.add(k + ": (unset) -> '" + vars.get(k) + "'");
            }
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UBootEnv e && e.vars.equals(vars);
    }

    @Override
    public int hashCode() {
        return vars.hashCode();
    }
}
