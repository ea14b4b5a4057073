package r4rescue.face.fx;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Parts of the window that stay out of the scene graph until they are first made visible (the
 * problem banner, the diagnosis card, the find bar, the bench). A hidden node still costs the first
 * frame its CSS pass and its controls' skins; together these were about a tenth of it.
 */
public final class Lazily {

    private Lazily() {
    }

    /** Adds {@code child} to {@code parent} at {@code index} (or last) once {@code child} is visible. */
    public static void addWhenVisible(Pane parent, int index, Node child) {
        if (child.isVisible()) {
            add(parent, index, child);
            return;
        }
        child.visibleProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                if (child.isVisible()) {
                    child.visibleProperty().removeListener(this);
                    add(parent, index, child);
                }
            }
        });
    }

    private static void add(Pane parent, int index, Node child) {
        parent.getChildren().add(Math.min(index, parent.getChildren().size()), child);
    }
}
