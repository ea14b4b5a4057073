package r4rescue.console.bootlog;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.util.JsonResource;
import r4rescue.util.Texts;

/** The fixes a diagnosis can point at (resource fixes.json): what the button says and what the fix does. */
public final class FixCatalog {

    /**
     * One fix: its id (the wizard's flow of the same name), the button's words, an explanation, the
     * command line that does it and the window's flow of that name (each null when there is none), in
     * English (JSON); the user reads {@link #actionText()}, {@link #explanationText()}, {@link #wizardText()}.
     */
    public record Fix(String id, String action, String explanation, String command, String wizard) {

        public String actionText() {
            return Texts.t(key(known(id), "action"));
        }

        public String explanationText() {
            return Texts.t(key(known(id), "explanation"));
        }

        public String wizardText() {
            return wizard == null ? null : Texts.t(key(id, "wizard"));
        }
    }

    private static final String UNKNOWN = "unknown";

    /** The words live in the diag bundle by fix id ({@code diag.fix.ID.action}); the JSON holds what the fix runs. */
    private static final JsonResource<FixCatalog> STANDARD = new JsonResource<>("/r4rescue/bootlog/fixes.json", root -> {
        Map<String, Fix> m = new LinkedHashMap<>();
        for (JsonNode n : root.path("fixes")) {
            String id = n.path("id").asText();
            String wizard = key(id, "wizard");
            if (!Texts.has(key(id, "action")) || !Texts.has(key(id, "explanation"))) {
                throw new IllegalArgumentException("missing diag texts for fix " + id);
            }
            m.put(id, new Fix(id, Texts.en(key(id, "action")), Texts.en(key(id, "explanation")),
                    n.path("command").asText(null), Texts.has(wizard) ? Texts.en(wizard) : null));
        }
        return new FixCatalog(Map.copyOf(m));
    });

    private static String key(String id, String part) {
        return "diag.fix." + id + "." + part;
    }

    /** An id with words in the bundle; an unknown one gets the plain stand-in's. */
    private static String known(String id) {
        return id != null && Texts.has(key(id, "action")) ? id : UNKNOWN;
    }

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
        return f != null ? f : new Fix(id, Texts.en(key(UNKNOWN, "action")), Texts.en(key(UNKNOWN, "explanation")), null, null);
    }

    public boolean has(String id) {
        return fixes.containsKey(id);
    }
}
