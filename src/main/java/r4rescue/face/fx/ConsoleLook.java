package r4rescue.face.fx;

import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Fonts and theme colours of console text, set in code rather than CSS: cells restyle many text
 * nodes per frame while output streams, and CSS passes for each would cost frames. The colours
 * are AtlantaFX Primer's default foregrounds.
 */
final class ConsoleLook {

    static final double SIZE = 13;
    static final Font REGULAR = mono(FontWeight.NORMAL);
    static final Font BOLD = mono(FontWeight.BOLD);

    private static final Color FG_LIGHT = Color.web("#1f2328");
    private static final Color FG_DARK = Color.web("#e6edf3");
    private static final Color MUTED_LIGHT = Color.web("#656d76");
    private static final Color MUTED_DARK = Color.web("#7d8590");
    /** The program's own command framing: fainter than muted text, still readable when looked for. */
    private static final Color FRAMING_LIGHT = Color.web("#afb8c1");
    private static final Color FRAMING_DARK = Color.web("#484f58");
    private static final Color MARKER_LIGHT = Color.web("#0969da");
    private static final Color MARKER_DARK = Color.web("#2f81f7");

    private ConsoleLook() {
    }

    private static Font mono(FontWeight weight) {
        for (String family : new String[] {"DejaVu Sans Mono", "Menlo", "Consolas"}) {
            if (Font.getFamilies().contains(family)) {
                return Font.font(family, weight, SIZE);
            }
        }
        return Font.font("Monospaced", weight, SIZE);
    }

    static Color foreground(boolean dark) {
        return dark ? FG_DARK : FG_LIGHT;
    }

    static Color muted(boolean dark) {
        return dark ? MUTED_DARK : MUTED_LIGHT;
    }

    static Color framing(boolean dark) {
        return dark ? FRAMING_DARK : FRAMING_LIGHT;
    }

    static Color marker(boolean dark) {
        return dark ? MARKER_DARK : MARKER_LIGHT;
    }
}
