package r4rescue.face.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.stage.Window;

import r4rescue.face.Settings;
import r4rescue.util.Texts;

/**
 * The window's language choice: System (the OS's), then each language in its own words. A choice
 * applies at the next start: rebuilding open tabs would drop their connections and running steps.
 */
public final class LanguageMenu extends Menu {

    private final ToggleGroup group = new ToggleGroup();
    private Consumer<String> onChosen = tag -> { };

    public LanguageMenu() {
        super(Texts.t("fx.language"));
        setId("languageMenu");
        List<String> tags = new ArrayList<>();
        tags.add(null);
        tags.addAll(Settings.LANGUAGES);
        for (String tag : tags) {
            RadioMenuItem item = new RadioMenuItem(tag == null ? Texts.t("fx.language.system") : ownName(tag));
            item.setId("language-" + (tag == null ? "system" : tag));
            item.setUserData(tag);
            item.setToggleGroup(group);
            item.setOnAction(e -> onChosen.accept(tag));
            getItems().add(item);
        }
        show(null);
    }

    /** A language's name as its readers write it, the same whatever the window's language. */
    static String ownName(String tag) {
        return switch (tag) {
            case "zh" -> "\u7b80\u4f53\u4e2d\u6587";
            case "de" -> "Deutsch";
            default -> "English";
        };
    }

    /** Ticks {@code tag} (null: System). */
    public void show(String tag) {
        group.getToggles().forEach(t -> t.setSelected(Objects.equals(t.getUserData(), tag)));
    }

    /** {@code chosen} hears the tag picked (null: System). */
    public void setOnChosen(Consumer<String> chosen) {
        onChosen = Objects.requireNonNull(chosen);
    }

    /** Says, in the language just chosen, that it applies at the next start. */
    public static void tellNextStart(Window owner, Locale chosen) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, Texts.in(chosen, "fx.language.nextStart"));
        a.setHeaderText(Texts.in(chosen, "fx.language"));
        a.initOwner(owner);
        a.show();
    }
}
