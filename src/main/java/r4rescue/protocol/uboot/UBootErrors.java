package r4rescue.protocol.uboot;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.util.JsonResource;

/** The texts by which U-Boot says a command failed, from {@code uboot-errors.json}. */
public final class UBootErrors {

    /** One error text: its id, the line pattern and what it means. */
    public record ErrorPattern(String id, Pattern regex, String meaning) {
    }

    private static final JsonResource<UBootErrors> STANDARD = new JsonResource<>("/r4rescue/protocol/uboot/uboot-errors.json",
            root -> {
                List<ErrorPattern> list = new ArrayList<>();
                for (JsonNode e : root.get("errors")) {
                    list.add(new ErrorPattern(e.get("id").asText(), Pattern.compile(e.get("regex").asText()),
                            e.get("meaning").asText()));
                }
                return new UBootErrors(list);
            });
    private final List<ErrorPattern> patterns;

    private UBootErrors(List<ErrorPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public static UBootErrors standard() {
        return STANDARD.get();
    }

    public List<ErrorPattern> patterns() {
        return patterns;
    }

    /** The lines of {@code output} that say something failed, in order. */
    public List<String> errorLines(String output) {
        List<String> hits = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            String l = line.replace("\r", "");
            for (ErrorPattern p : patterns) {
                if (p.regex().matcher(l).find()) {
                    hits.add(l.strip());
                    break;
                }
            }
        }
        return hits;
    }
}
