package r4rescue.protocol.uboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.console.Ansi;
import r4rescue.util.JsonResource;

/**
 * A U-Boot boot menu as the console rendered it: its entries by key, read with the menu texts of
 * {@code protocol/uboot/autoboot.json} from the screen with the ANSI cursor moves removed.
 */
final class BootMenuScreen {

    private static final Pattern CURSOR = Pattern.compile("\u001b\\[\\d+;(\\d+)H");
    static final Pattern FOOTER;
    private static final Pattern ENTRY;

    static {
        try {
            JsonNode n = JsonResource.read("/r4rescue/protocol/uboot/autoboot.json");
            FOOTER = Pattern.compile(n.get("menuFooter").get("regex").asText());
            ENTRY = Pattern.compile(n.get("menuEntry").get("regex").asText(), Pattern.MULTILINE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Map<String, String> entries = new LinkedHashMap<>();

    private BootMenuScreen() {
    }

    /** The last menu drawn in {@code raw} (console text with escapes). */
    static BootMenuScreen parse(String raw) {
        String text = clean(raw);
        BootMenuScreen s = new BootMenuScreen();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                s.entries.put(m.group(1), m.group(2));
            }
        }
        return s;
    }

    /** The text as the screen shows it: a cursor move to a column becomes a new line indented to it. */
    static String clean(String raw) {
        Matcher m = CURSOR.matcher(raw);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, "\n" + " ".repeat(Math.max(0, Integer.parseInt(m.group(1)) - 1)));
        }
        m.appendTail(b);
        return Ansi.strip(b).replace("\r", "");
    }

    /** The key of the entry whose text is {@code title}, or null. */
    String keyOf(String title) {
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (e.getValue().strip().equals(title.strip())) {
                return e.getKey();
            }
        }
        return null;
    }

    Map<String, String> entries() {
        return entries;
    }
}
