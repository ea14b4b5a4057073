package r4rescue.arch;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * User-facing text comes from the language bundles ({@code r4rescue.util.Texts}), not from literals
 * in the faces and procedures. A literal that reads like a sentence (a capitalised word, then a
 * space and a lower-case word) fails here unless its line says why it is not for the user's eyes
 * with {@code // i18n-exempt: WHY} (a command sent to the board, a pattern the board prints, a
 * file name), or the file says {@code // i18n-exempt-file: WHY} near its top. A heuristic: a text
 * starting in lower case or with a placeholder slips through, and review catches those.
 */
@Tag("unit")
class UserTextScanTest {

    private static final Pattern SENTENCE = Pattern.compile("^\\W{0,3}[A-Z][a-z']+[ ,:;.!?\\-–—…]+.*\\b[a-z]{2,}.*", Pattern.DOTALL);

    /** One area per case, so the part done can be kept green while the rest is moved. */
    @ParameterizedTest
    @ValueSource(strings = {"face/cli", "face/fx", "face/*", "procedure"})
    void userTextIsInTheBundles(String area) throws IOException {
        Path root = Path.of("src/main/java/r4rescue").resolve(area.replace("/*", ""));
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = area.endsWith("/*") ? Files.list(root) : Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String src = Files.readString(f);
                if (src.lines().limit(40).anyMatch(l -> l.contains("// i18n-exempt-file:"))) {
                    continue;
                }
                String[] lines = src.split("\n", -1);
                for (Literal lit : literals(src)) {
                    if (SENTENCE.matcher(lit.text).matches() && !lines[lit.line - 1].contains("// i18n-exempt:")) {
                        found.add(root.relativize(f) + ":" + lit.line + " \"" + abbreviate(lit.text) + "\"");
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), found.size() + " user texts are literals in " + area + ":\n" + String.join("\n", found));
    }

    private static String abbreviate(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "…" : s;
    }

    record Literal(int line, String text) {
    }

    /** The string literals and text blocks of a Java source, with their first line; comments skipped. */
    static List<Literal> literals(String src) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                out.add(new Literal(line, src.substring(i + 3, end).strip()));
                line += count(src, i, end);
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    if (src.charAt(j) == '\\' && j + 1 < n) {
                        text.append(src.charAt(j + 1) == 'n' ? '\n' : src.charAt(j + 1));
                        j += 2;
                    } else {
                        text.append(src.charAt(j++));
                    }
                }
                if (c == '"') {
                    out.add(new Literal(line, text.toString()));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }
}
