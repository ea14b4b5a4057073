package r4rescue.face.fx;

import javafx.scene.paint.Color;

/**
 * The xterm 256-colour palette as CSS colour strings, with the 16 basic colours tuned to stay
 * readable on the light or the dark theme's background: each meets WCAG AA (4.5:1) on it, but the dark
 * theme's black, which is that background's own colour (ThemeContrastTest).
 */
final class Palette {

    private static final String[] DARK = {
        "#484f58", "#ff7b72", "#3fb950", "#d29922", "#58a6ff", "#bc8cff", "#39c5cf", "#b1bac4",
        "#7d8590", "#ffa198", "#56d364", "#e3b341", "#79c0ff", "#d2a8ff", "#56d4dd", "#f0f6fc",
    };
    private static final String[] LIGHT = {
        "#24292f", "#cf222e", "#116329", "#7d4e00", "#0969da", "#8250df", "#1b7c83", "#6e7781",
        "#57606a", "#a40e26", "#1a7f37", "#633c01", "#1168e3", "#8a55e6", "#187c8c", "#656d76",
    };

    private static final String[] CUBE = new String[256];

    static {
        int[] levels = {0, 95, 135, 175, 215, 255};
        for (int i = 16; i < 232; i++) {
            int n = i - 16;
            CUBE[i] = web(levels[n / 36], levels[(n / 6) % 6], levels[n % 6]);
        }
        for (int i = 232; i < 256; i++) {
            int v = 8 + (i - 232) * 10;
            CUBE[i] = web(v, v, v);
        }
    }

    private Palette() {
    }

    private static String web(int r, int g, int b) {
        return String.format("#%02x%02x%02x", r, g, b);
    }

    /** CSS colour of palette entry {@code index} (0..255). */
    static String css(int index, boolean dark) {
        if (index < 16) {
            return (dark ? DARK : LIGHT)[index];
        }
        return CUBE[index];
    }

    static Color color(int index, boolean dark) {
        return Color.web(css(index, dark));
    }
}
