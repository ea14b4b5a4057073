package r4rescue.face.fx.wizard;

import java.io.File;
import java.nio.file.Path;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import r4rescue.face.Settings;

/** A labelled file path: typed, picked with the system's file dialog, or taken from the recent images. */
final class FileField extends VBox {

    /** Where recent image files are kept between runs (set by the application; none in tests). */
    private static volatile Settings recents;

    private final TextField path = new TextField();

    /** Keep picked files in {@code settings}' recent images, and offer them (saved when the window closes). */
    static void useRecents(Settings settings) {
        recents = settings;
    }

    FileField(String id, String label, String prompt) {
        setSpacing(2);
        path.setId(id);
        path.setPromptText(prompt);
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(label);
            Settings s = recents;
            if (s != null && !s.recentImages().isEmpty()) {
                File dir = s.recentImages().get(0).toAbsolutePath().getParent().toFile();
                if (dir.isDirectory()) {
                    fc.setInitialDirectory(dir);
                }
            }
            File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                path.setText(f.getAbsolutePath());
                if (s != null) {
                    s.addRecentImage(f.toPath());
                }
            }
        });
        MenuButton recent = new MenuButton("Recent");
        recent.setOnShowing(e -> {
            Settings s = recents;
            recent.getItems().clear();
            if (s != null) {
                for (Path p : s.recentImages()) {
                    MenuItem item = new MenuItem(p.toString());
                    item.setMnemonicParsing(false);
                    item.setOnAction(a -> path.setText(p.toString()));
                    recent.getItems().add(item);
                }
            }
            if (recent.getItems().isEmpty()) {
                MenuItem none = new MenuItem("No recent files");
                none.setDisable(true);
                recent.getItems().add(none);
            }
        });
        Label l = new Label(label);
        l.setLabelFor(path);
        HBox row = new HBox(6, path, browse, recent);
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
