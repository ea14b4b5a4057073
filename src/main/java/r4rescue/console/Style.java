package r4rescue.console;

/**
 * A character's look packed in an int: foreground and background as xterm-256 palette indices
 * (0 = terminal default, else index + 1) and attribute flags. 0 is the plain default style.
 * Truecolor requests are mapped to the nearest palette entry.
 */
public final class Style {

    public static final int DEFAULT = 0;
    public static final int BOLD = 1 << 18;
    public static final int DIM = 1 << 19;
    public static final int ITALIC = 1 << 20;
    public static final int UNDERLINE = 1 << 21;
    public static final int REVERSE = 1 << 22;

    private static final int COLOR_MASK = 0x1FF;
    private static final int BG_SHIFT = 9;

    private Style() {
    }

    /** Foreground palette index 0..255, or -1 for the default colour. */
    public static int foreground(int style) {
        return (style & COLOR_MASK) - 1;
    }

    /** Background palette index 0..255, or -1 for the default colour. */
    public static int background(int style) {
        return ((style >>> BG_SHIFT) & COLOR_MASK) - 1;
    }

    public static boolean has(int style, int flag) {
        return (style & flag) != 0;
    }

    static int withForeground(int style, int index) {
        return (style & ~COLOR_MASK) | (index + 1);
    }

    static int withBackground(int style, int index) {
        return (style & ~(COLOR_MASK << BG_SHIFT)) | ((index + 1) << BG_SHIFT);
    }

    /** Applies one SGR sequence ({@code ESC [ params m}) to {@code style}. */
    static int applySgr(int style, int[] params, int count) {
        if (count == 0) {
            return DEFAULT;
        }
        for (int i = 0; i < count; i++) {
            int p = params[i];
            switch (p) {
                case -1, 0 -> style = DEFAULT;
                case 1 -> style |= BOLD;
                case 2 -> style |= DIM;
                case 3 -> style |= ITALIC;
                case 4 -> style |= UNDERLINE;
                case 7 -> style |= REVERSE;
                case 22 -> style &= ~(BOLD | DIM);
                case 23 -> style &= ~ITALIC;
                case 24 -> style &= ~UNDERLINE;
                case 27 -> style &= ~REVERSE;
                case 39 -> style = withForeground(style, -1);
                case 49 -> style = withBackground(style, -1);
                case 38, 48 -> {
                    int[] color = new int[1];
                    i = extendedColor(params, count, i, color);
                    if (color[0] >= 0) {
                        style = p == 38 ? withForeground(style, color[0]) : withBackground(style, color[0]);
                    }
                }
                default -> {
                    if (p >= 30 && p <= 37) {
                        style = withForeground(style, p - 30);
                    } else if (p >= 40 && p <= 47) {
                        style = withBackground(style, p - 40);
                    } else if (p >= 90 && p <= 97) {
                        style = withForeground(style, p - 90 + 8);
                    } else if (p >= 100 && p <= 107) {
                        style = withBackground(style, p - 100 + 8);
                    }
                }
            }
        }
        return style;
    }

    /** Reads {@code 5;n} or {@code 2;r;g;b} after a 38/48; returns the index of the last parameter used. */
    private static int extendedColor(int[] params, int count, int i, int[] color) {
        color[0] = -1;
        if (i + 1 >= count) {
            return i;
        }
        int kind = params[i + 1];
        if (kind == 5 && i + 2 < count) {
            color[0] = Math.max(0, Math.min(255, params[i + 2]));
            return i + 2;
        }
        if (kind == 2 && i + 4 < count) {
            color[0] = nearest(params[i + 2], params[i + 3], params[i + 4]);
            return i + 4;
        }
        return count; // malformed: ignore the rest of this sequence
    }

    /** Nearest entry of the xterm 6x6x6 colour cube. */
    static int nearest(int r, int g, int b) {
        return 16 + 36 * level(r) + 6 * level(g) + level(b);
    }

    private static int level(int v) {
        v = Math.max(0, v);
        return v < 48 ? 0 : v < 115 ? 1 : Math.min(5, (v - 35) / 40);
    }
}
