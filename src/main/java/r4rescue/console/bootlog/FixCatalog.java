package r4rescue.console.bootlog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The fixes a diagnosis can point at (resource fixes.json): what the button says and what the fix does. */
public final class FixCatalog {

    /** One fix: its id (the wizard's flow of the same name), the button's words, and an explanation. */
    public record Fix(String id, String action, String explanation) {
    }

    private static volatile FixCatalog standard;

    private final Map<String, Fix> fixes;

    private FixCatalog(Map<String, Fix> fixes) {
        this.fixes = fixes;
    }

    public static FixCatalog standard() {
        FixCatalog c = standard;
        if (c == null) {
            c = load();
            standard = c;
        }
        return c;
    }

    private static FixCatalog load() {
        try (InputStream in = FixCatalog.class.getResourceAsStream("/r4rescue/bootlog/fixes.json")) {
            if (in == null) {
                throw new IllegalStateException("resource r4rescue/bootlog/fixes.json is missing");
            }
            Map<String, Fix> m = new LinkedHashMap<>();
            for (JsonNode n : new ObjectMapper().readTree(in).path("fixes")) {
                String id = n.path("id").asText();
                m.put(id, new Fix(id, n.path("action").asText(), n.path("explanation").asText()));
            }
            return new FixCatalog(Map.copyOf(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fix with this id; an unknown id gets a plain stand-in rather than nothing. */
    public Fix get(String id) {
        Fix f = id == null ? null : fixes.get(id);
        return f != null ? f : new Fix(id, "Fix it", "No description for this fix yet.");
    }

    public boolean has(String id) {
        return fixes.containsKey(id);
    }
}
