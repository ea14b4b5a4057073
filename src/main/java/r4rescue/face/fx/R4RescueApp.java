package r4rescue.face.fx;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import r4rescue.AppDirs;
import r4rescue.console.ConsoleModel;
import r4rescue.link.Links;

/** The window: AtlantaFX Primer theme (light or dark), the main view, and an orderly close. */
public final class R4RescueApp extends Application {

    private MainViewModel vm;
    private boolean dark;

    @Override
    public void start(Stage stage) {
        vm = new MainViewModel(Links::create, new PollingPortWatch(), AppDirs.forThisUser().logs(),
                ConsoleModel.DEFAULT_CAPACITY);
        MainView view = new MainView(vm);
        applyTheme(view);
        view.setOnThemeToggle(() -> {
            dark = !dark;
            applyTheme(view);
        }, dark);
        Scene scene = new Scene(view, 1200, 760);
        scene.getStylesheets().add(stylesheet());
        stage.setTitle("R4 Rescue");
        stage.setScene(scene);
        stage.show();
        vm.startPortWatch();
        view.consolePane().inputField().requestFocus();
    }

    private void applyTheme(MainView view) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        view.showTheme(dark);
    }

    /** The program's own styles on top of the theme (console font, banner). */
    public static String stylesheet() {
        return R4RescueApp.class.getResource("r4rescue.css").toExternalForm();
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.shutdown();
        }
    }
}
