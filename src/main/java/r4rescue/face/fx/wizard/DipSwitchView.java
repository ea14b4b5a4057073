package r4rescue.face.fx.wizard;

import java.util.List;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

import r4rescue.board.BoardData;
import r4rescue.board.Medium;

/**
 * The board's boot switch block (SW3, levers A and B) drawn from the board data: up = 0, down = 1.
 * Shows wanted positions in a step, or the simulated board's levers on the bench, where clicking a
 * lever flips it. {@code assets/dip/sw3-*.svg} (made by {@code assets/dip/make-svg.py}) document the same drawing.
 */
public final class DipSwitchView extends VBox {

    private static final double SLOT_W = 34;
    private static final double SLOT_H = 64;
    private static final double GAP = 22;

    private final BoardData data = BoardData.standard();
    private final IntegerProperty a = new SimpleIntegerProperty();
    private final IntegerProperty b = new SimpleIntegerProperty();
    private final Label caption = new Label();

    /** @param clickable levers flip on click (the bench); otherwise the drawing only shows positions */
    public DipSwitchView(String idPrefix, boolean clickable) {
        this(idPrefix, clickable, 1.0);
    }

    /** @param scale size of the drawing (the bench shows a smaller one) */
    public DipSwitchView(String idPrefix, boolean clickable, double scale) {
        getStyleClass().add("dip-view");
        setSpacing(4);
        setAlignment(Pos.CENTER_LEFT);
        List<String> names = data.dipSwitchNames();
        Group g = new Group();
        Rectangle block = new Rectangle(0, 0, 2 * SLOT_W + 3 * GAP, SLOT_H + 24);
        block.setArcWidth(8);
        block.setArcHeight(8);
        block.getStyleClass().add("dip-block");
        Text title = new Text(6, 14, data.json().path("dip").path("block").asText("SW3"));
        title.getStyleClass().add("dip-title");
        Text up = new Text(2 * SLOT_W + 3 * GAP + 6, 30, "0 up");
        Text down = new Text(2 * SLOT_W + 3 * GAP + 6, SLOT_H + 16, "1 down");
        up.getStyleClass().add("dip-text");
        down.getStyleClass().add("dip-text");
        g.getChildren().addAll(block, title, up, down);
        for (int i = 0; i < 2; i++) {
            IntegerProperty p = i == 0 ? a : b;
            double x = GAP + i * (SLOT_W + GAP);
            Rectangle slot = new Rectangle(x, 20, SLOT_W, SLOT_H - 4);
            slot.getStyleClass().add("dip-slot");
            Rectangle lever = new Rectangle(x + 3, 0, SLOT_W - 6, (SLOT_H - 10) / 2);
            lever.getStyleClass().add("dip-lever");
            lever.yProperty().bind(p.multiply((SLOT_H - 10) / 2.0).add(23));
            String name = names.size() > i ? names.get(i) : (i == 0 ? "A" : "B");
            Text label = new Text(x + SLOT_W / 2 - 4, SLOT_H + 34, name.substring(name.length() - 1));
            label.getStyleClass().add("dip-text");
            Group lev = new Group(slot, lever);
            lev.setId(idPrefix + "-" + name.substring(name.length() - 1));
            if (clickable) {
                lev.setCursor(Cursor.HAND);
                lev.setOnMouseClicked(e -> p.set(1 - p.get()));
            }
            g.getChildren().addAll(lev, label);
        }
        caption.setWrapText(true);
        a.addListener(o -> updateCaption());
        b.addListener(o -> updateCaption());
        updateCaption();
        g.setScaleX(scale);
        g.setScaleY(scale);
        getChildren().addAll(new HBox(new Group(g)), caption);
    }

    /** Lever A: 0 = up, 1 = down. */
    public IntegerProperty aProperty() {
        return a;
    }

    public IntegerProperty bProperty() {
        return b;
    }

    /** Shows the positions for {@code m}. */
    public void show(Medium m) {
        BoardData.DipPosition p = data.dipFor(m);
        a.set(p.a());
        b.set(p.b());
    }

    public Medium medium() {
        return data.mediumFor(a.get(), b.get());
    }

    private void updateCaption() {
        Medium m = medium();
        String label = data.dipPositions().stream().filter(p -> p.medium() == m).map(BoardData.DipPosition::label)
                .findFirst().orElse(m.label());
        caption.setText("A = " + a.get() + (a.get() == 0 ? " (up)" : " (down)") + ", B = " + b.get()
                + (b.get() == 0 ? " (up)" : " (down)") + "  →  boots from " + label);
    }
}
