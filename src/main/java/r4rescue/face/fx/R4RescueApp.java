package r4rescue.face.fx;

import java.util.Locale;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import r4rescue.AppDirs;
import r4rescue.board.BoardProfile;
import r4rescue.console.ConsoleModel;
import r4rescue.face.Settings;
import r4rescue.face.fx.wizard.WizardView;
import r4rescue.face.fx.wizard.WizardViewModel;
import r4rescue.link.Links;
import r4rescue.util.Texts;

/** The window: AtlantaFX Primer theme (light or dark), a tab per board (the main view with the wizard), the bench overview, and an orderly close. */
public final class R4RescueApp extends Application {

    /** AtlantaFX Primer in JavaFX's binary CSS (made by the test tool ThemeBinaries): no parsing at start-up. */
    static final String THEME_LIGHT = "primer-light.bss";
    static final String THEME_DARK = "primer-dark.bss";

    private SharedPortWatch ports;
    private BenchView bench;
    private boolean dark;
    private Settings settings;
    private Stage stage;

    /** Opens the window, from {@link r4rescue.Launcher}: starts linking its classes and reading the board's data, then JavaFX. */
    public static void open() {
        Preload.classes();
        Preload.boardProfile();
        launch(R4RescueApp.class);
    }

    /** Runs on the launcher thread, so reading the settings file never holds up the FX thread. */
    @Override
    public void init() {
        settings = Settings.load(Settings.defaultFile());
        // before the first text: the settings' language, else the OS's
        Texts.useLocale(settings.locale(Locale.getDefault()));
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        if (settings == null) {
            settings = new Settings();
        }
        dark = settings.getTheme() == Settings.Theme.DARK;
        useTheme(dark);
        WizardView.useRecentImages(settings);
        ports = new SharedPortWatch(new PollingPortWatch());
        bench = new BenchView(ports, this::boardTab);
        BoardTab first = bench.newTab(null, null);
        first.viewModel().setPreferredPort(settings.getLastPort());
        var screen = Screen.getPrimary().getVisualBounds();
        Settings.WindowBounds last = settings.getWindow();
        boolean lastFits = last != null && !Screen.getScreensForRectangle(last.x(), last.y(), last.width(), last.height()).isEmpty();
        Scene scene = lastFits
                ? new Scene(bench, last.width(), last.height())
                : new Scene(bench, Math.min(1280, screen.getWidth()), Math.min(800, screen.getHeight()));
        scene.getStylesheets().add(stylesheet());
        stage.setTitle("R4 Rescue");
        stage.setScene(scene);
        if (lastFits) {
            stage.setX(last.x());
            stage.setY(last.y());
            stage.setMaximized(last.maximized());
        }
        if (FirstFrame.requested()) {
            FirstFrame.reportAndExit(scene);
        }
        first.view().focusConnect();
        stage.show();
        // After the first frame: listing serial ports loads jSerialComm's native library, and the
        // data is read with Jackson; the first frame need not wait for either.
        FirstFrame.afterFirstFrame(scene, () -> {
            Preload.data();
            ports.start();
            UnfinishedProcedure.checkAtStart(stage, AppDirs.forThisUser().journals());
        });
    }

    /** A board's tab: its own connection, console, timeline and wizard; the theme button switches every tab. */
    private BoardTab boardTab(String name) {
        MainViewModel vm = new MainViewModel(Links::create, ports.forTab(), AppDirs.forThisUser().logs(),
                ConsoleModel.DEFAULT_CAPACITY);
        vm.baudProperty().set(settings.getBaud());
        WizardViewModel wizardVm = new WizardViewModel(vm, BoardProfile.load(BoardProfile.DEFAULT_ID));
        MainView view = assemble(vm, wizardVm);
        view.setOnThemeToggle(() -> {
            dark = !dark;
            useTheme(dark);
            bench.boards().forEach(b -> b.view().showTheme(dark));
            settings.setTheme(dark ? Settings.Theme.DARK : Settings.Theme.LIGHT);
        }, dark);
        view.languageMenu().show(settings.getLanguage());
        view.languageMenu().setOnChosen(tag -> {
            settings.setLanguage(tag);
            bench.boards().forEach(b -> b.view().languageMenu().show(tag));
            LanguageMenu.tellNextStart(stage, settings.locale(Locale.getDefault()));
        });
        return new BoardTab(name, vm, wizardVm, view);
    }

    /** The main view with the wizard in its left slot (also used to make the README pictures). */
    public static MainView assemble(MainViewModel vm, WizardViewModel wizardVm) {
        MainView view = new MainView(vm);
        WizardView.install(view, wizardVm);
        return view;
    }

    /** Applies the light theme and lets the view's theme button switch between light and dark. */
    public static void themed(MainView view) {
        useTheme(false);
        themeToggle(view, false, dark -> { });
    }

    /**
     * Sets the whole program's theme. Called before the first control exists, this also spares
     * JavaFX loading its default theme (Modena), which it does when a control class initialises.
     */
    static void useTheme(boolean dark) {
        Application.setUserAgentStylesheet(themeUrl(dark));
    }

    /** Shows {@code startDark} on the view's theme button, which then switches; {@code chosen} hears of it. */
    private static void themeToggle(MainView view, boolean startDark, java.util.function.Consumer<Boolean> chosen) {
        boolean[] dark = {startDark};
        view.setOnThemeToggle(() -> {
            dark[0] = !dark[0];
            useTheme(dark[0]);
            view.showTheme(dark[0]);
            chosen.accept(dark[0]);
        }, startDark);
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

    /** Keeps port, baud and window for next time; written off the FX thread, waited for briefly at exit. */
    private void saveSettings() {
        if (settings == null || bench == null || bench.boards().isEmpty()) {
            return;
        }
        MainViewModel vm = bench.boards().get(0).viewModel();
        settings.setLastPort(vm.portProperty().get());
        Integer baud = vm.baudProperty().get();
        if (baud != null) {
            settings.setBaud(baud);
        }
        if (stage != null && stage.getWidth() > 0) {
            settings.setWindow(new Settings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                    stage.isMaximized()));
        }
        Thread writer = new Thread(() -> {
            try {
                settings.save(Settings.defaultFile());
            } catch (java.io.IOException e) {
                System.err.println("r4-rescue: settings not saved: " + e.getMessage());
            }
        }, "settings-writer");
        writer.start();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        saveSettings();
        if (bench != null) {
            bench.shutdown();
        }
    }
}
