package r4rescue.face.fx.wizard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.event.Event;
import javafx.event.EventType;
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

import r4rescue.board.BoardProfile;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.face.Settings;
import r4rescue.procedure.images.ImageCatalogue;
import r4rescue.procedure.images.ImageLibrary;
import r4rescue.util.Texts;

/** A labelled file path: typed, picked with the system's file dialog, or taken from the recent images. */
final class FileField extends VBox {

    /**
     * The user picked or entered a path (the file dialog, a recent or library file, Enter, leaving the
     * field); bubbles up to the wizard, which has the window record the file in the session's transcript.
     */
    static final class Picked extends Event {
        static final EventType<Picked> TYPE = new EventType<>(Event.ANY, "FILE_PICKED");
        private final transient Path path;

        Picked(Path path) {
            super(TYPE);
            this.path = path;
        }

        Path path() {
            return path;
        }
    }

    /** Where recent image files are kept between runs (set by the application; none in tests). */
    private static volatile Settings recents;

    /** The image library, made on first use off the FX thread (set by the application; none in tests). */
    private static volatile Supplier<ImageLibrary> library;

    private final TextField path = new TextField();
    /** What this field takes, for the library's matching files; null: the library is not offered. */
    private ImageKind kind;
    private Supplier<Medium> medium = () -> Medium.NONE;

    /** Keep picked files in {@code settings}' recent images, and offer them (saved when the window closes). */
    static void useRecents(Settings settings) {
        recents = settings;
    }

    /** Offer the files of the image library ({@code r4-rescue images}) in {@code dir} first. */
    static void useLibrary(Path dir) {
        library = new Supplier<>() {
            private ImageLibrary made;

            @Override
            public synchronized ImageLibrary get() {
                if (made == null) {
                    made = new ImageLibrary(dir, null, ImageCatalogue.standard(), BoardProfile.load(BoardProfile.DEFAULT_ID).images());
                }
                return made;
            }
        };
    }

    /** This field takes files of {@code kind} (a BL2 for the medium {@code medium} gives at the time): the library's come first. */
    FileField library(ImageKind kind, Supplier<Medium> medium) {
        this.kind = kind;
        this.medium = medium;
        return this;
    }

    FileField(String id, String label, String prompt) {
        setSpacing(2);
        path.setId(id);
        path.setPromptText(prompt);
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button(Texts.t("fx.file.browse"));
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
                pick(f.getAbsolutePath());
                if (s != null) {
                    s.addRecentImage(f.toPath());
                }
            }
        });
        MenuButton recent = new MenuButton(Texts.t("fx.file.recent"));
        r4rescue.face.fx.Tips.install(recent, Texts.t("fx.file.recent.tip"));
        recent.setOnShowing(e -> {
            Settings s = recents;
            recent.getItems().clear();
            offerLibrary(recent);
            if (s != null) {
                for (Path p : s.recentImages()) {
                    MenuItem item = new MenuItem(p.toString());
                    item.setMnemonicParsing(false);
                    item.setOnAction(a -> pick(p.toString()));
                    recent.getItems().add(item);
                }
            }
            if (recent.getItems().isEmpty()) {
                MenuItem none = new MenuItem(Texts.t("fx.file.noRecent"));
                none.setDisable(true);
                recent.getItems().add(none);
            }
        });
        path.setOnAction(e -> picked());
        path.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                picked();
            }
        });
        Label l = new Label(label);
        l.setLabelFor(path);
        l.setWrapText(true); // long names wrap in a narrow wizard
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox row = new HBox(6, path, browse, recent);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(l, row);
    }

    /** Adds the library's matching files at the top of {@code menu}, looked up off the FX thread. */
    private void offerLibrary(MenuButton menu) {
        Supplier<ImageLibrary> lib = library;
        if (lib == null || kind == null) {
            return;
        }
        ImageKind k = kind;
        Medium m = medium.get();
        CompletableFuture.supplyAsync(() -> {
            try {
                return lib.get().matching(k, m);
            } catch (IOException | RuntimeException ex) {
                return List.<Path>of();
            }
        }).thenAccept(files -> Platform.runLater(() -> {
            List<MenuItem> items = new ArrayList<>();
            for (Path p : files) {
                MenuItem item = new MenuItem(Texts.t("fx.file.library", p.getFileName()));
                item.setMnemonicParsing(false);
                item.setOnAction(a -> pick(p.toString()));
                items.add(item);
            }
            menu.getItems().removeIf(i -> i.isDisable()); // Texts.t("fx.file.noRecent") when the library has some
            menu.getItems().addAll(0, items);
        }));
    }

    private void pick(String file) {
        path.setText(file);
        picked();
    }

    /** Tells the wizard the path now in the field (if any): whether it is a file is looked at off the FX thread. */
    private void picked() {
        Path p = path();
        if (p != null) {
            fireEvent(new Picked(p));
        }
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
