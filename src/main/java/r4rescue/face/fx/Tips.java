package r4rescue.face.fx;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first comes over their node. Each Tooltip is a popup window with
 * a scene of its own; the window shows two dozen, and making them all up front cost its first
 * frame about 50 ms. The text is the node's accessible help from the start.
 */
public final class Tips {

    private Tips() {
    }

    public static <T extends Node> T install(T node, String text) {
        return install(node, new ReadOnlyStringWrapper(text));
    }

    /** A tooltip that follows {@code text}. */
    public static <T extends Node> T install(T node, ObservableValue<String> text) {
        node.accessibleHelpProperty().bind(text);
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(text);
                Tooltip.install(node, tip);
            }
        });
        return node;
    }
}
