package r4rescue.protocol.uboot;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.util.JsonResource;

/** The autoboot and boot-menu texts of {@code autoboot.json}. */
record AutobootTexts(Pattern countdown, List<Pattern> menuMarkers, Pattern menuFooter, Pattern menuEntry,
                     Pattern consoleEntry) {

    private static final JsonResource<AutobootTexts> STANDARD = new JsonResource<>("/r4rescue/protocol/uboot/autoboot.json", r -> {
        List<Pattern> markers = new ArrayList<>();
        for (JsonNode m : r.get("menuMarkers")) {
            markers.add(Pattern.compile(m.get("regex").asText()));
        }
        return new AutobootTexts(p(r, "countdown"), markers, p(r, "menuFooter"),
                Pattern.compile(r.get("menuEntry").get("regex").asText(), Pattern.MULTILINE), p(r, "consoleEntry"));
    });

    static AutobootTexts standard() {
        return STANDARD.get();
    }

    private static Pattern p(JsonNode r, String key) {
        return Pattern.compile(r.get(key).get("regex").asText());
    }

    boolean menuShown(String cleanText) {
        return menuMarkers.stream().anyMatch(m -> m.matcher(cleanText).find());
    }
}
