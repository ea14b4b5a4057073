package r4rescue.arch;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.util.Texts;

/**
 * The language bundles in {@code src/main/resources/r4rescue/i18n}: English and Simplified Chinese
 * complete and alike, German a part of English, and every key the code names present in English.
 */
@Tag("unit")
class TextBundlesTest {

    static final Path DIR = Path.of("src/main/resources/r4rescue/i18n");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    /** {@code Texts.t("key",} / {@code Texts.en("key")} / {@code Texts.in(locale, "key"} / {@code Message.of("key"}: a whole key, not a prefix joined at run time. */
    private static final Pattern KEY_USE = Pattern.compile("(?:Texts\\.(?:t|en|in\\([^,()]+,)|Message\\.of)\\s*\\(?\\s*\"([a-z][\\w.-]*)\"\\s*[,)]");

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return props;
    }

    private static List<Path> englishBundles() throws IOException {
        if (!Files.isDirectory(DIR)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().matches("[a-z0-9-]+\\.properties")).sorted().toList();
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Path sibling(Path base, String lang) {
        return base.resolveSibling(base.getFileName().toString().replace(".properties", "_" + lang + ".properties"));
    }

    @Test
    void chineseHasEveryEnglishKeyAndNoOtherWithTheSamePlaceholders() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path base : englishBundles()) {
            String area = base.getFileName().toString().replace(".properties", "");
            Properties en = load(base);
            for (String k : en.stringPropertyNames()) {
                if (!k.startsWith(area + ".")) {
                    problems.add(base.getFileName() + ": key " + k + " does not start with " + area + ".");
                }
            }
            Path zhFile = sibling(base, "zh");
            if (!Files.exists(zhFile)) {
                problems.add("missing " + zhFile.getFileName());
                continue;
            }
            Properties zh = load(zhFile);
            compare(en, zh, zhFile, problems, true);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void germanIsAPartOfEnglishAndCoversAtLeastAThird() throws IOException {
        List<String> problems = new ArrayList<>();
        int english = 0;
        int german = 0;
        for (Path base : englishBundles()) {
            Properties en = load(base);
            english += en.size();
            Path deFile = sibling(base, "de");
            if (Files.exists(deFile)) {
                Properties de = load(deFile);
                german += de.size();
                compare(en, de, deFile, problems, false);
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(german * 3 >= english, "German has " + german + " of " + english + " texts, less than a third");
    }

    private static void compare(Properties en, Properties other, Path file, List<String> problems, boolean complete) {
        for (String k : other.stringPropertyNames()) {
            if (!en.containsKey(k)) {
                problems.add(file.getFileName() + ": " + k + " is not in English");
            } else if (other.getProperty(k).isBlank()) {
                problems.add(file.getFileName() + ": " + k + " is empty");
            } else if (!placeholders(other.getProperty(k)).equals(placeholders(en.getProperty(k)))) {
                problems.add(file.getFileName() + ": " + k + " has placeholders " + placeholders(other.getProperty(k))
                        + ", English " + placeholders(en.getProperty(k)));
            }
        }
        if (complete) {
            for (String k : en.stringPropertyNames()) {
                if (!other.containsKey(k)) {
                    problems.add(file.getFileName() + ": missing " + k);
                }
            }
        }
    }

    @Test
    void everyKeyTheCodeNamesIsInEnglish() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_USE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!Texts.has(m.group(1))) {
                        missing.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
