package r4rescue.protocol.uboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The autoboot and boot-menu texts of {@code autoboot.json}. */
record AutobootTexts(Pattern countdown, List<Pattern> menuMarkers, Pattern menuFooter, Pattern menuEntry,
                     Pattern consoleEntry) {

    private static volatile AutobootTexts standard;

    static AutobootTexts standard() {
        AutobootTexts s = standard;
        if (s == null) {
            try (InputStream in = AutobootTexts.class.getResourceAsStream("autoboot.json")) {
                JsonNode r = new ObjectMapper().readTree(in);
                List<Pattern> markers = new ArrayList<>();
                for (JsonNode m : r.get("menuMarkers")) {
                    markers.add(Pattern.compile(m.get("regex").asText()));
                }
                s = new AutobootTexts(p(r, "countdown"), markers, p(r, "menuFooter"),
                        Pattern.compile(r.get("menuEntry").get("regex").asText(), Pattern.MULTILINE), p(r, "consoleEntry"));
                standard = s;
            } catch (IOException e) {
                throw new UncheckedIOException("autoboot.json unreadable", e);
            }
        }
        return s;
    }

    private static Pattern p(JsonNode r, String key) {
        return Pattern.compile(r.get(key).get("regex").asText());
    }

    boolean menuShown(String cleanText) {
        return menuMarkers.stream().anyMatch(m -> m.matcher(cleanText).find());
    }
}
