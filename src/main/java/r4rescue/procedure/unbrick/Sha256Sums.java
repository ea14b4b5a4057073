package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import r4rescue.util.Texts;

/** OpenWrt's {@code sha256sums} file: lines {@code HASH *filename} (binary) or {@code HASH  filename}. */
public final class Sha256Sums {

    private static final Pattern LINE = Pattern.compile("^([0-9a-fA-F]{64}) [ *](.+)$");
    private final Map<String, String> byName = new LinkedHashMap<>();

    private Sha256Sums() {
    }

    public static Sha256Sums parse(String text) {
        Sha256Sums s = new Sha256Sums();
        for (String line : text.split("\r?\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                String name = m.group(2).strip();
                s.byName.put(name.substring(name.lastIndexOf('/') + 1), m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return s;
    }

    public static Sha256Sums read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public int size() {
        return byName.size();
    }

    /** The listed hash of {@code fileName} (its last path element), if listed. */
    public Optional<String> hashOf(String fileName) {
        return Optional.ofNullable(byName.get(fileName));
    }

    /** "matches", "DIFFERS", or "not listed" for a file and its computed hash, as a sentence. */
    public String verdict(String fileName, String sha256) {
        return hashOf(fileName)
                .map(h -> h.equalsIgnoreCase(sha256) ? Texts.t("proc.sums.sha256MatchesSha256sums") : Texts.t("proc.sums.sha256DIFFERSFrom"))
                .orElse(Texts.t("proc.sums.thisFileNameIs"));
    }
}
