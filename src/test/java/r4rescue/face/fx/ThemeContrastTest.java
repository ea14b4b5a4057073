package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/**
 * WCAG AA for text (contrast at least 4.5:1) in the light and the dark theme: the console's colours set in code, and every text colour
 * r4rescue.css sets, on the background it is drawn on (its own rule's, an enclosing rule's, or,
 * where that is translucent or absent, both page backgrounds the window uses: the console's
 * default and the wizard's subtle one), with the theme's colour variables resolved from
 * AtlantaFX's Primer stylesheets; plus the theme's own text styles the window uses.
 */
@Tag("unit")
class ThemeContrastTest {

    private static final double AA = 4.5;
    /** Shapes (fills that are not text). */
    private static final List<String> SHAPES = List.of(".dip-block", ".dip-slot", ".dip-lever");
    /** Text drawn on a shape rather than inside an enclosing node: the shape's rule gives its background. */
    private static final Map<String, String> ON_SHAPE = Map.of(".dip-title", ".dip-block");
    /** Theme styles the window puts text in (AtlantaFX classes): text colour variable → background variable, null for the page. */
    private static final String[][] THEME_PAIRS = {
        {"-color-fg-default", null}, {"-color-fg-muted", null}, // labels, Styles.TEXT_MUTED
        {"-color-success-fg", null}, {"-color-danger-fg", null}, {"-color-accent-fg", null}, // Label + Styles.SUCCESS/DANGER, links
        {"-color-fg-emphasis", "-color-accent-emphasis"}, // Styles.ACCENT buttons
        {"-color-fg-emphasis", "-color-danger-emphasis"}, // Styles.DANGER buttons
    };
    private static final List<String> PAGES = List.of("-color-bg-default", "-color-bg-subtle");

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void everyTextColourMeetsAaOnItsBackground(String theme) throws IOException {
        Map<String, String> vars = variables(theme.equals("dark") ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        Map<String, Map<String, String>> rules = rules(Files.readString(ThemeBinaries.APP_CSS));
        List<String> failures = new ArrayList<>();
        int pairs = 0;
        for (var r : rules.entrySet()) {
            String sel = r.getKey();
            String fg = r.getValue().getOrDefault("-fx-text-fill", SHAPES.contains(sel) ? null : r.getValue().get("-fx-fill"));
            if (fg == null) {
                continue;
            }
            for (String page : PAGES) {
                double[] bg = background(sel, rules, vars, color(page, vars));
                double ratio = contrast(color(fg, vars), bg);
                pairs++;
                if (ratio < AA) {
                    failures.add(String.format("%s: %s on %s over %s = %.2f", sel, fg, hex(bg), page, ratio));
                }
            }
        }
        for (String[] p : THEME_PAIRS) {
            for (String page : PAGES) {
                double[] bg = over(p[1] == null ? color(page, vars) : color(p[1], vars), color(page, vars));
                double ratio = contrast(color(p[0], vars), bg);
                pairs++;
                if (ratio < AA) {
                    failures.add(String.format("theme %s on %s over %s = %.2f", p[0], p[1], page, ratio));
                }
            }
        }
        assertTrue(pairs > 40, "pairs checked: " + pairs);
        assertEquals(List.of(), failures, theme + " theme");
    }

    /**
     * The console's colours set in Java (ConsoleLook, for speed, and the ANSI palette the board's colour codes
     * pick), on the console's background. The dark theme's ANSI black (0) is left out: a terminal draws it as its
     * own background colour, and boards use it under reverse video; the bold/bright colours (8-15) are in.
     * The command framing is left out on purpose: fainter than text, it is the program's own "$ " rule.
     */
    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void consoleColoursSetInCodeMeetAa(String theme) throws IOException {
        boolean dark = theme.equals("dark");
        Map<String, String> vars = variables(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        double[] bg = color("-color-bg-default", vars); // .console-lines
        Map<String, javafx.scene.paint.Color> texts = new LinkedHashMap<>();
        texts.put("foreground", ConsoleLook.foreground(dark));
        texts.put("muted (times)", ConsoleLook.muted(dark));
        texts.put("marker", ConsoleLook.marker(dark));
        for (int i = dark ? 1 : 0; i < 16; i++) {
            texts.put("ANSI " + i, Palette.color(i, dark));
        }
        List<String> failures = new ArrayList<>();
        texts.forEach((name, c) -> {
            double ratio = contrast(new double[] {c.getRed(), c.getGreen(), c.getBlue(), 1}, bg);
            if (ratio < AA) {
                failures.add(String.format("%s %s on %s = %.2f", name, c, hex(bg), ratio));
            }
        });
        assertEquals(List.of(), failures, theme + " theme's console");
    }

    // ---- backgrounds

    /** The colour under text of {@code sel}: its own background or its nearest enclosing rule's, layers composed over {@code page}. */
    private static double[] background(String sel, Map<String, Map<String, String>> rules, Map<String, String> vars, double[] page) {
        String shape = ON_SHAPE.get(sel);
        if (shape != null) {
            return over(color(rules.get(shape).get("-fx-fill"), vars), page);
        }
        for (String s = sel; s != null; s = enclosing(s)) {
            for (String candidate : new String[] {s, s.replaceAll(":[\\w-]+", "")}) {
                Map<String, String> r = rules.get(candidate);
                if (r != null && r.containsKey("-fx-background-color")) {
                    double[] under = page;
                    for (String layer : r.get("-fx-background-color").split(",")) {
                        under = over(color(layer.trim(), vars), under);
                    }
                    return under;
                }
            }
        }
        return page;
    }

    /** ".a:x .b" → ".a:x"; ".a" → null. */
    private static String enclosing(String sel) {
        int space = sel.lastIndexOf(' ');
        return space < 0 ? null : sel.substring(0, space).replaceAll("\\s*>$", "").trim();
    }

    // ---- CSS reading

    /** Selector (each of a group separately) → its properties, later rules adding to earlier ones. */
    static Map<String, Map<String, String>> rules(String css) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([^{}]+)\\{([^}]*)}").matcher(css.replaceAll("(?s)/\\*.*?\\*/", ""));
        while (m.find()) {
            Map<String, String> props = new LinkedHashMap<>();
            for (String decl : m.group(2).split(";")) {
                int colon = decl.indexOf(':');
                if (colon > 0) {
                    props.put(decl.substring(0, colon).trim(), decl.substring(colon + 1).trim());
                }
            }
            for (String sel : m.group(1).split(",")) {
                out.computeIfAbsent(sel.trim().replaceAll("\\s+", " "), k -> new LinkedHashMap<>()).putAll(props);
            }
        }
        return out;
    }

    /** The theme's {@code .root} colour variables. */
    private static Map<String, String> variables(String resource) throws IOException {
        String css;
        try (InputStream in = PrimerLight.class.getResourceAsStream(resource)) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new HashMap<>(rules(css).get(".root"));
    }

    // ---- colours: {r, g, b, alpha}, r/g/b in 0..1

    private static double[] color(String value, Map<String, String> vars) {
        String v = value.trim();
        for (int depth = 0; v.startsWith("-") && depth < 10; depth++) {
            String next = vars.get(v);
            assertNotNull(next, "undefined colour " + v);
            v = next.trim();
        }
        if (v.startsWith("#")) {
            String h = v.substring(1);
            if (h.length() == 3) {
                h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
            }
            return new double[] {Integer.parseInt(h.substring(0, 2), 16) / 255.0, Integer.parseInt(h.substring(2, 4), 16) / 255.0,
                Integer.parseInt(h.substring(4, 6), 16) / 255.0, h.length() == 8 ? Integer.parseInt(h.substring(6, 8), 16) / 255.0 : 1};
        }
        Matcher m = Pattern.compile("rgba?\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,\\s*([\\d.]+)\\s*)?\\)").matcher(v);
        if (m.matches()) {
            return new double[] {Integer.parseInt(m.group(1)) / 255.0, Integer.parseInt(m.group(2)) / 255.0,
                Integer.parseInt(m.group(3)) / 255.0, m.group(4) == null ? 1 : Double.parseDouble(m.group(4))};
        }
        if (v.equals("transparent")) {
            return new double[] {0, 0, 0, 0};
        }
        if (v.equals("white")) {
            return new double[] {1, 1, 1, 1};
        }
        throw new AssertionError("colour not understood: " + value + " = " + v);
    }

    /** {@code top} painted over the opaque {@code under}. */
    private static double[] over(double[] top, double[] under) {
        double a = top[3];
        return new double[] {top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1};
    }

    /** WCAG 2 contrast ratio. */
    static double contrast(double[] a, double[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(double[] c) {
        double[] l = new double[3];
        for (int i = 0; i < 3; i++) {
            l[i] = c[i] <= 0.03928 ? c[i] / 12.92 : Math.pow((c[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    }

    private static String hex(double[] c) {
        return String.format("#%02x%02x%02x", Math.round(c[0] * 255), Math.round(c[1] * 255), Math.round(c[2] * 255));
    }
}
