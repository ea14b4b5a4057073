package r4rescue.protocol.uboot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.util.JsonResource;

/**
 * A kernel command line as tokens, in order; unknown arguments are kept as they are. Double quotes
 * group a value with spaces ({@code param="a b"}), as the kernel does. Values may be U-Boot
 * variable references ({@code root=${root}}) when the line lives in a script.
 */
public final class BootArgs {

    private final List<String> tokens;

    private BootArgs(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static BootArgs parse(String line) {
        List<String> t = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    t.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            t.add(cur.toString());
        }
        return new BootArgs(t);
    }

    public List<String> tokens() {
        return tokens;
    }

    /** The value of {@code key=...} (the last one counts, as in the kernel). */
    public Optional<String> get(String key) {
        String v = null;
        for (String t : tokens) {
            if (t.startsWith(key + "=")) {
                v = t.substring(key.length() + 1);
            }
        }
        return Optional.ofNullable(v);
    }

    public boolean hasFlag(String flag) {
        return tokens.contains(flag);
    }

    /** {@code key=value} in place of the first occurrence (others removed), or appended. */
    public BootArgs with(String key, String value) {
        List<String> t = new ArrayList<>();
        boolean done = false;
        for (String tok : tokens) {
            if (tok.startsWith(key + "=")) {
                if (!done) {
                    t.add(key + "=" + value);
                    done = true;
                }
            } else {
                t.add(tok);
            }
        }
        if (!done) {
            t.add(key + "=" + value);
        }
        return new BootArgs(t);
    }

    /** Adds a bare flag such as {@code rootwait} if it is missing. */
    public BootArgs withFlag(String flag) {
        if (hasFlag(flag)) {
            return this;
        }
        List<String> t = new ArrayList<>(tokens);
        t.add(flag);
        return new BootArgs(t);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootArgs b && b.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    // ---- validation (rules in bootargs-rules.json) ----

    private static final JsonResource<JsonNode> RULES = new JsonResource<>("/r4rescue/protocol/uboot/bootargs-rules.json", r -> r);

    private static JsonNode rules() {
        return RULES.get();
    }

    /** Refuses a root device the kernel would not understand, e.g. a whole disk or garbage. */
    public static String checkRoot(String dev) {
        List<String> examples = new ArrayList<>();
        for (JsonNode d : rules().get("rootDevices")) {
            if (Pattern.compile(d.get("regex").asText()).matcher(dev).matches()) {
                return dev;
            }
            examples.add(d.get("example").asText());
        }
        throw new IllegalArgumentException("Not a root device the kernel can use: '" + dev
                + "' (a partition is needed, e.g. " + String.join(", ", examples) + ")");
    }

    public static String checkRootfsType(String type) {
        for (JsonNode t : rules().get("rootfsTypes")) {
            if (t.asText().equals(type)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown root filesystem type '" + type + "' (known: "
                + rules().get("rootfsTypes").toString().replaceAll("[\\[\\]\"]", "") + ")");
    }

    public static String checkConsole(String console) {
        JsonNode c = rules().get("console");
        if (!Pattern.compile(c.get("regex").asText()).matcher(console).matches()) {
            throw new IllegalArgumentException("Not a console the kernel understands: '" + console
                    + "' (e.g. " + c.get("example").asText() + ")");
        }
        return console;
    }
}
