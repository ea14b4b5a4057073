package r4rescue.console.bootlog;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.util.JsonResource;

/** The fixes a diagnosis can point at (resource fixes.json): what the button says and what the fix does. */
public final class FixCatalog {

    /**
     * One fix: its id (the wizard's flow of the same name), the button's words, an explanation, the
     * command line that does it and the window's flow of that name (each null when there is none).
     */
    public record Fix(String id, String action, String explanation, String command, String wizard) {
    }

    private static final JsonResource<FixCatalog> STANDARD = new JsonResource<>("/r4rescue/bootlog/fixes.json", root -> {
        Map<String, Fix> m = new LinkedHashMap<>();
        for (JsonNode n : root.path("fixes")) {
            String id = n.path("id").asText();
            m.put(id, new Fix(id, n.path("action").asText(), n.path("explanation").asText(),
                    n.path("command").asText(null), n.path("wizard").asText(null)));
        }
        return new FixCatalog(Map.copyOf(m));
    });

    private final Map<String, Fix> fixes;

    private FixCatalog(Map<String, Fix> fixes) {
        this.fixes = fixes;
    }

    public static FixCatalog standard() {
        return STANDARD.get();
    }

    /** The fix with this id; an unknown id gets a plain stand-in rather than nothing. */
    public Fix get(String id) {
        Fix f = id == null ? null : fixes.get(id);
        return f != null ? f : new Fix(id, "Fix it", "No description for this fix yet.", null, null);
    }

    public boolean has(String id) {
        return fixes.containsKey(id);
    }
}
