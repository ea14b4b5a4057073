package r4rescue.face.fx.wizard;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.util.Texts;

/**
 * A board's boot switch block (for the BPI-R4: SW3, levers A and B) drawn from its profile, one
 * lever per name in the profile: up = 0, down = 1. Shows wanted positions in a step, or the simulated
 * board's levers on the bench, where clicking a lever flips it. {@code assets/dip/sw3-*.svg} (made by
 * {@code assets/dip/make-svg.py}) document the same drawing for the BPI-R4.
 */
public final class DipSwitchView extends VBox {

    private static final double SLOT_W = 34;
    private static final double SLOT_H = 64;
    private static final double GAP = 22;

    private final BoardProfile data;
    private final List<IntegerProperty> levers = new ArrayList<>();
    private final Label caption = new Label();

    /** @param clickable levers flip on click (the bench); otherwise the drawing only shows positions */
    public DipSwitchView(BoardProfile board, String idPrefix, boolean clickable) {
        this(board, idPrefix, clickable, 1.0);
    }

    /** @param scale size of the drawing (the bench shows a smaller one) */
    public DipSwitchView(BoardProfile board, String idPrefix, boolean clickable, double scale) {
        this.data = board;
        getStyleClass().add("dip-view");
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setSpacing(4);
        setAlignment(Pos.CENTER_LEFT);
        List<String> names = data.dipLevers();
        List<String> words = data.dipWords();
        int n = names.size();
        double width = n * SLOT_W + (n + 1) * GAP;
        Group g = new Group();
        Rectangle block = new Rectangle(0, 0, width, SLOT_H + 24);
        block.setArcWidth(8);
        block.setArcHeight(8);
        block.getStyleClass().add("dip-block");
        Text title = new Text(6, 14, data.dipBlock());
        title.getStyleClass().add("dip-title");
        Text up = new Text(width + 6, 30, "0 " + words.get(0));
        Text down = new Text(width + 6, SLOT_H + 16, "1 " + words.get(1));
        up.getStyleClass().add("dip-text");
        down.getStyleClass().add("dip-text");
        g.getChildren().addAll(block, title, up, down);
        for (int i = 0; i < n; i++) {
            IntegerProperty p = new SimpleIntegerProperty();
            levers.add(p);
            double x = GAP + i * (SLOT_W + GAP);
            Rectangle slot = new Rectangle(x, 20, SLOT_W, SLOT_H - 4);
            slot.getStyleClass().add("dip-slot");
            Rectangle lever = new Rectangle(x + 3, 0, SLOT_W - 6, (SLOT_H - 10) / 2);
            lever.getStyleClass().add("dip-lever");
            lever.yProperty().bind(p.multiply((SLOT_H - 10) / 2.0).add(23));
            String name = names.get(i);
            Text label = new Text(x + SLOT_W / 2 - 4 * name.length(), SLOT_H + 34, name);
            label.getStyleClass().add("dip-text");
            Group lev = new Group(slot, lever);
            lev.setId(idPrefix + "-" + name);
            if (clickable) {
                lev.setCursor(Cursor.HAND);
                lev.setOnMouseClicked(e -> p.set(1 - p.get()));
            }
            g.getChildren().addAll(lev, label);
            p.addListener(o -> updateCaption());
        }
        caption.setWrapText(true);
        updateCaption();
        g.setScaleX(scale);
        g.setScaleY(scale);
        getChildren().addAll(new HBox(new Group(g)), caption);
    }

    /** Lever {@code i} (in the profile's order): 0 = up, 1 = down. */
    public IntegerProperty lever(int i) {
        return levers.get(i);
    }

    /** All levers' values, in the profile's order. */
    public List<Integer> levers() {
        return levers.stream().map(IntegerProperty::get).toList();
    }

    public void setLevers(List<Integer> values) {
        for (int i = 0; i < levers.size(); i++) {
            levers.get(i).set(values.get(i));
        }
    }

    /** Shows the positions for {@code m}. */
    public void show(Medium m) {
        setLevers(data.dipFor(m).levers());
    }

    public Medium medium() {
        return data.mediumFor(levers());
    }

    private void updateCaption() {
        Medium m = medium();
        String label = data.dipPositions().stream().filter(p -> p.medium() == m).map(BoardProfile.DipPosition::label)
                .findFirst().orElse(m.label());
        List<String> names = data.dipLevers();
        List<String> words = data.dipWords();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < levers.size(); i++) {
            int v = levers.get(i).get();
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append(" = ").append(v).append(" (").append(words.get(v)).append(')');
        }
        caption.setText(b + "  →  " + Texts.t("fx.dip.bootsFrom", label));
        setAccessibleText(Texts.t("window.dip.name", data.dipBlock(), caption.getText()));
    }
}
