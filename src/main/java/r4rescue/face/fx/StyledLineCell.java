package r4rescue.face.fx;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import r4rescue.console.ConsoleModel;
import r4rescue.console.Style;
import r4rescue.console.StyledLine;

/**
 * One console line: its style runs as coloured text, runs with a background (reverse video, the
 * find match) as labels, and optionally its receive time. Rebuilt only when the line or the way
 * lines are drawn changed, so streaming output does not rebuild unchanged rows.
 */
final class StyledLineCell extends ListCell<StyledLine> {

    /** Set on a cell showing the program's command framing ({@link ConsoleFraming}), drawn quietly. */
    static final PseudoClass FRAMING = PseudoClass.getPseudoClass("framing");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS ").withZone(ZoneId.systemDefault());

    private final ConsolePane pane;
    private final TextFlow flow = new TextFlow();
    private final List<Text> pool = new ArrayList<>();
    private int used;
    private StyledLine shown;
    private int shownLook = -1;

    StyledLineCell(ConsolePane pane) {
        this.pane = pane;
        getStyleClass().add("console-cell");
        flow.getStyleClass().add("console-flow");
        setText(null);
    }

    @Override
    protected void updateItem(StyledLine line, boolean empty) {
        super.updateItem(line, empty);
        if (empty || line == null) {
            shown = null;
            pseudoClassStateChanged(FRAMING, false);
            setGraphic(null);
            return;
        }
        int look = pane.look();
        if (line == shown && look == shownLook) {
            return;
        }
        shown = line;
        shownLook = look;
        List<Node> nodes = render(line);
        if (!flow.getChildren().equals(nodes)) {
            flow.getChildren().setAll(nodes);
        }
        setGraphic(flow);
    }

    private List<Node> render(StyledLine line) {
        List<Node> nodes = new ArrayList<>(line.runCount() + 2);
        used = 0;
        boolean dark = pane.isDark();
        if (pane.viewModel().timestampsProperty().get()) {
            nodes.add(text(TIME.format(Instant.ofEpochMilli(line.time())), ConsoleLook.muted(dark), false));
        }
        if (line.marker()) {
            nodes.add(text(line.text(), ConsoleLook.marker(dark), true));
            return nodes;
        }
        boolean framing = ConsoleFraming.isFraming(line.text());
        pseudoClassStateChanged(FRAMING, framing);
        if (framing) {
            nodes.add(text(line.text(), ConsoleLook.framing(dark), false));
            return nodes;
        }
        ConsoleModel.Match m = pane.viewModel().matchProperty().get();
        int hlStart = m != null && m.line() == line ? m.start() : -1;
        int hlEnd = hlStart >= 0 ? m.end() : -1;
        String text = line.text();
        for (int r = 0; r < line.runCount(); r++) {
            int start = line.runStart(r);
            int end = line.runEnd(r);
            int style = line.runStyle(r);
            // split the run at the match edges so the match can have its own background
            int[] cuts = {start, clamp(hlStart, start, end), clamp(hlEnd, start, end), end};
            for (int i = 0; i < 3; i++) {
                if (cuts[i + 1] > cuts[i]) {
                    boolean hl = hlStart >= 0 && cuts[i] >= hlStart && cuts[i + 1] <= hlEnd;
                    nodes.add(run(text.substring(cuts[i], cuts[i + 1]), style, hl, dark));
                }
            }
        }
        return nodes;
    }

    private static int clamp(int v, int lo, int hi) {
        return v < 0 ? lo : Math.max(lo, Math.min(hi, v));
    }

    private Node run(String s, int style, boolean highlight, boolean dark) {
        int fg = Style.foreground(style);
        int bg = Style.background(style);
        boolean bold = Style.has(style, Style.BOLD);
        if (bold && fg >= 0 && fg < 8) {
            fg += 8; // bold bright, as most terminals do
        }
        if (bg < 0 && !highlight && !Style.has(style, Style.REVERSE)) {
            Text t = text(s, fg >= 0 ? Palette.color(fg, dark) : ConsoleLook.foreground(dark), bold);
            t.setUnderline(Style.has(style, Style.UNDERLINE));
            return t;
        }
        // A background needs a region: rare (reverse video in U-Boot's menu, the find match).
        String fgCss = fg >= 0 ? Palette.css(fg, dark) : "-color-fg-default";
        String bgCss = bg >= 0 ? Palette.css(bg, dark) : null;
        if (Style.has(style, Style.REVERSE)) {
            String f = fgCss;
            fgCss = bgCss != null ? bgCss : "-color-bg-default";
            bgCss = f;
        }
        if (highlight) {
            fgCss = "-color-fg-emphasis";
            bgCss = "-color-warning-emphasis";
        }
        Label l = new Label(s);
        l.setFont(bold ? ConsoleLook.BOLD : ConsoleLook.REGULAR);
        l.setMinWidth(Label.USE_PREF_SIZE);
        l.setStyle("-fx-background-color: " + bgCss + "; -fx-text-fill: " + fgCss + "; -fx-padding: 0;");
        if (highlight) {
            l.getStyleClass().add("console-match");
        }
        return l;
    }

    /** A Text node from this cell's pool, so streaming output reuses nodes instead of restyling new ones. */
    private Text text(String s, Paint fill, boolean bold) {
        Text t;
        if (used < pool.size()) {
            t = pool.get(used);
        } else {
            t = new Text();
            pool.add(t);
        }
        used++;
        t.setText(s);
        t.setFill(fill);
        t.setFont(bold ? ConsoleLook.BOLD : ConsoleLook.REGULAR);
        t.setUnderline(false);
        return t;
    }
}
