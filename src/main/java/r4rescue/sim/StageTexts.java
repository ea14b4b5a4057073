package r4rescue.sim;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.util.JsonResource;

/** The console lines of each simulated boot stage, as data ({@code r4rescue/sim/console.json}). */
public final class StageTexts {

    private static final JsonResource<StageTexts> STANDARD = new JsonResource<>("/r4rescue/sim/console.json", StageTexts::new);
    private final JsonNode root;

    private StageTexts(JsonNode root) {
        this.root = root;
    }

    public static StageTexts standard() {
        return STANDARD.get();
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
