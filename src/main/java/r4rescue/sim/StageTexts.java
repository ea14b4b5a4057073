package r4rescue.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The console lines of each simulated boot stage, as data ({@code r4rescue/sim/console.json}). */
public final class StageTexts {

    private static volatile StageTexts standard;
    private final JsonNode root;

    private StageTexts(JsonNode root) {
        this.root = root;
    }

    public static StageTexts standard() {
        StageTexts c = standard;
        if (c == null) {
            try (InputStream in = StageTexts.class.getResourceAsStream("/r4rescue/sim/console.json")) {
                c = new StageTexts(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = c;
        }
        return c;
    }

    public JsonNode node(String... path) {
        JsonNode n = root;
        for (String p : path) {
            n = n.path(p);
        }
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("console.json has no " + String.join(".", path));
        }
        return n;
    }

    public String text(String... path) {
        return node(path).asText();
    }

    public List<String> lines(String... path) {
        List<String> out = new ArrayList<>();
        node(path).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A kernel log section: pairs of [seconds, text]. */
    public List<KernelLine> kernel(String section) {
        List<KernelLine> out = new ArrayList<>();
        node("linux", section).forEach(n -> out.add(new KernelLine(n.get(0).asDouble(), n.get(1).asText())));
        return out;
    }

    public record KernelLine(double time, String text) {
    }
}
