package r4rescue.face.fx;

import java.time.Duration;
import java.time.Instant;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import r4rescue.AppDirs;
import r4rescue.console.ConsoleModel;
import r4rescue.face.fx.wizard.WizardView;
import r4rescue.face.fx.wizard.WizardViewModel;
import r4rescue.link.Links;

/**
 * The window: AtlantaFX Primer theme (light or dark), the main view with the wizard, and an
 * orderly close. With the environment variable {@value #FIRST_FRAME_ENV}=1 it prints
 * {@code FIRST_FRAME_MS n} (process start to the first frame shown) and exits: a start-up benchmark.
 */
public final class R4RescueApp extends Application {

    public static final String FIRST_FRAME_ENV = "R4RESCUE_FIRST_FRAME_EXIT";

    private MainViewModel vm;
    private WizardViewModel wizardVm;
    private boolean dark;

    @Override
    public void start(Stage stage) {
        vm = new MainViewModel(Links::create, new PollingPortWatch(), AppDirs.forThisUser().logs(),
                ConsoleModel.DEFAULT_CAPACITY);
        MainView view = new MainView(vm);
        wizardVm = new WizardViewModel(vm);
        WizardView.install(view, wizardVm);
        applyTheme(view);
        view.setOnThemeToggle(() -> {
            dark = !dark;
            applyTheme(view);
        }, dark);
        var bounds = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1280, bounds.getWidth()), Math.min(800, bounds.getHeight()));
        scene.getStylesheets().add(stylesheet());
        stage.setTitle("R4 Rescue");
        stage.setScene(scene);
        if ("1".equals(System.getenv(FIRST_FRAME_ENV))) {
            reportFirstFrame(scene);
        }
        stage.show();
        vm.startPortWatch();
        view.consolePane().inputField().requestFocus();
    }

    /** Prints the time from process start to the first frame after showing, then exits. */
    public static void reportFirstFrame(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> {
                Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
                System.out.println("FIRST_FRAME_MS " + Duration.between(start, Instant.now()).toMillis());
                System.out.flush();
                Platform.exit();
                System.exit(0);
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
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
        if (wizardVm != null) {
            wizardVm.shutdown();
        }
        if (vm != null) {
            vm.shutdown();
        }
    }
}
