package r4rescue.protocol.uboot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The texts by which U-Boot says a command failed, from {@code uboot-errors.json}. */
public final class UBootErrors {

    /** One error text: its id, the line pattern and what it means. */
    public record ErrorPattern(String id, Pattern regex, String meaning) {
    }

    private static volatile UBootErrors standard;
    private final List<ErrorPattern> patterns;

    private UBootErrors(List<ErrorPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public static UBootErrors standard() {
        UBootErrors s = standard;
        if (s == null) {
            try (InputStream in = UBootErrors.class.getResourceAsStream("uboot-errors.json")) {
                JsonNode root = new ObjectMapper().readTree(in);
                List<ErrorPattern> list = new ArrayList<>();
                for (JsonNode e : root.get("errors")) {
                    list.add(new ErrorPattern(e.get("id").asText(), Pattern.compile(e.get("regex").asText()),
                            e.get("meaning").asText()));
                }
                s = new UBootErrors(list);
                standard = s;
            } catch (IOException e) {
                throw new UncheckedIOException("uboot-errors.json unreadable", e);
            }
        }
        return s;
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
