package r4rescue.face.fx;

import javafx.application.Application;
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

/** The window: AtlantaFX Primer theme (light or dark), the main view with the wizard, and an orderly close. */
public final class R4RescueApp extends Application {

    /** AtlantaFX Primer in JavaFX's binary CSS (made by the test tool ThemeBinaries): no parsing at start-up. */
    static final String THEME_LIGHT = "primer-light.bss";
    static final String THEME_DARK = "primer-dark.bss";

    private MainViewModel vm;
    private WizardViewModel wizardVm;

    @Override
    public void start(Stage stage) {
        vm = new MainViewModel(Links::create, new PollingPortWatch(), AppDirs.forThisUser().logs(),
                ConsoleModel.DEFAULT_CAPACITY);
        wizardVm = new WizardViewModel(vm);
        MainView view = assemble(vm, wizardVm);
        themed(view);
        var bounds = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1280, bounds.getWidth()), Math.min(800, bounds.getHeight()));
        scene.getStylesheets().add(stylesheet());
        stage.setTitle("R4 Rescue");
        stage.setScene(scene);
        if (FirstFrame.requested()) {
            FirstFrame.reportAndExit(scene);
        }
        stage.show();
        vm.startPortWatch();
        view.consolePane().inputField().requestFocus();
    }

    /** The main view with the wizard in its left slot (also used to make the README pictures). */
    public static MainView assemble(MainViewModel vm, WizardViewModel wizardVm) {
        MainView view = new MainView(vm);
        WizardView.install(view, wizardVm);
        return view;
    }

    /** Applies the light theme and lets the view's theme button switch between light and dark. */
    public static void themed(MainView view) {
        boolean[] dark = {false};
        Runnable apply = () -> {
            Application.setUserAgentStylesheet(themeUrl(dark[0]));
            view.showTheme(dark[0]);
        };
        apply.run();
        view.setOnThemeToggle(() -> {
            dark[0] = !dark[0];
            apply.run();
        }, false);
    }

    /** The binary theme shipped with the program, or AtlantaFX's stylesheet if it is missing. */
    static String themeUrl(boolean dark) {
        var bss = R4RescueApp.class.getResource("theme/" + (dark ? THEME_DARK : THEME_LIGHT));
        if (bss != null) {
            return bss.toExternalForm();
        }
        return dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
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
