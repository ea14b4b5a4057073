package r4rescue.face.fx.wizard;

import java.io.File;
import java.nio.file.Path;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** A labelled file path: typed or picked with the system's file dialog. */
final class FileField extends VBox {

    private final TextField path = new TextField();

    FileField(String id, String label, String prompt) {
        setSpacing(2);
        path.setId(id);
        path.setPromptText(prompt);
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(label);
            File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                path.setText(f.getAbsolutePath());
            }
        });
        Label l = new Label(label);
        l.setLabelFor(path);
        HBox row = new HBox(6, path, browse);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(l, row);
    }

    TextField field() {
        return path;
    }

    /** The path typed or picked, or null when empty. */
    Path path() {
        String t = path.getText() == null ? "" : path.getText().strip();
        return t.isEmpty() ? null : Path.of(t);
    }
}
