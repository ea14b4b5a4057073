package r4rescue.face.fx;

import java.util.List;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.Styles;

import r4rescue.link.LinkProvider;
import r4rescue.link.LinkState;
import r4rescue.link.Links;
import r4rescue.link.PortInfo;
import r4rescue.util.Texts;

/**
 * The main window's content: the connection bar and problem banner on top, and a split pane with
 * the wizard slot on the left and, on the right, the timeline slot above the live console.
 * Other parts plug in with {@link #setWizard} and {@link #setTimeline}.
 */
public final class MainView extends BorderPane {

    public static final String WIZARD_SLOT_ID = "wizardSlot";
    public static final String TIMELINE_SLOT_ID = "timelineSlot";

    private final MainViewModel vm;
    private final StackPane wizardSlot = new StackPane();
    private final VBox timelineSlot = new VBox();
    private final ConsolePane consolePane;
    private final BootTimelineViewModel bootTimeline;
    private final Button themeButton = new Button();
    private final LanguageMenu language = new LanguageMenu();
    private final Button connect = new Button();
    private final Button detach = new Button(Texts.t("fx.main.detach") + " \u2197");
    private final StackPane consoleHolder = new StackPane();
    private Stage consoleStage;
    private Runnable onThemeToggle = () -> { };

    public MainView(MainViewModel vm) {
        this(vm, new BootTimelineViewModel(vm.console()));
    }

    /** With the boot timeline's view model of the caller's (tests give it their clock). */
    public MainView(MainViewModel vm, BootTimelineViewModel bootTimeline) {
        this.vm = vm;
        this.bootTimeline = bootTimeline;
        getStyleClass().add("main-view");
        consolePane = new ConsolePane(vm.console());

        wizardSlot.setId(WIZARD_SLOT_ID);
        wizardSlot.getStyleClass().add("wizard-slot");
        wizardSlot.setMinWidth(220);
        Label placeholder = new Label(Texts.t("fx.main.placeholder"));
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setPadding(new Insets(16));
        wizardSlot.getChildren().add(placeholder);
        StackPane.setAlignment(placeholder, Pos.TOP_LEFT);

        timelineSlot.setId(TIMELINE_SLOT_ID);
        timelineSlot.getStyleClass().add("timeline-slot");
        timelineSlot.managedProperty().bind(Bindings.isNotEmpty(timelineSlot.getChildren()));

        detach.setId("detachConsole");
        detach.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        detach.setOnAction(e -> toggleDetached());
        consoleHolder.getChildren().add(consolePane);
        VBox.setVgrow(consoleHolder, Priority.ALWAYS);
        Label consoleTitle = new Label(Texts.t("fx.main.consoleTitle"));
        consoleTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox consoleHeader = new HBox(6, consoleTitle, gap, detach);
        consoleHeader.setAlignment(Pos.CENTER_LEFT);
        VBox right = new VBox(6, timelineSlot, consoleHeader, consoleHolder);
        right.setPadding(new Insets(6, 8, 8, 8));

        SplitPane split = new SplitPane(wizardSlot, right);
        split.setDividerPositions(0.42);
        SplitPane.setResizableWithParent(wizardSlot, false);

        vm.addSessionWatcher(bootTimeline::attach);
        vm.connectedProperty().addListener((o, was, connected) -> {
            if (connected) {
                consolePane.inputField().requestFocus();
            }
        });
        VBox timeline = new VBox(6, new BootTimelineView(bootTimeline));
        Lazily.addWhenVisible(timeline, 1, new DiagnosisCard(bootTimeline));
        setTimeline(timeline);

        VBox top = new VBox(connectionBar());
        Lazily.addWhenVisible(top, 1, banner());
        setTop(top);
        setCenter(split);
    }

    /**
     * Gives a new window's focus to Connect, the first thing to do; once connected the console's
     * input line has it. (A text field focused at the start also switches on input methods, which
     * holds up the first frame.)
     */
    public void focusConnect() {
        connect.requestFocus();
    }

    /** Puts {@code content} in the wizard's place on the left (replacing the placeholder). */
    public void setWizard(Node content) {
        wizardSlot.getChildren().setAll(content);
    }

    /** Puts {@code content} above the console (the boot timeline); null removes it. */
    public void setTimeline(Node content) {
        if (content == null) {
            timelineSlot.getChildren().clear();
        } else {
            timelineSlot.getChildren().setAll(content);
        }
    }

    /** The boot timeline and diagnosis card's state; the wizard sets its onFix callback. */
    public BootTimelineViewModel bootTimeline() {
        return bootTimeline;
    }

    public StackPane wizardSlot() {
        return wizardSlot;
    }

    public VBox timelineSlot() {
        return timelineSlot;
    }

    /** The language choice in the ⋯ menu; the application hears and keeps it. */
    public LanguageMenu languageMenu() {
        return language;
    }

    public ConsolePane consolePane() {
        return consolePane;
    }

    /** Moves the console into a window of its own, or back into the main window when that closes. */
    public void toggleDetached() {
        if (consoleStage != null) {
            consoleStage.close();
            return;
        }
        consoleHolder.getChildren().remove(consolePane);
        Label here = new Label(Texts.t("fx.main.consoleDetached"));
        here.getStyleClass().add(Styles.TEXT_MUTED);
        consoleHolder.getChildren().add(here);
        Stage stage = new Stage();
        stage.setTitle("R4 Rescue — " + Texts.t("fx.main.consoleWindow"));
        StackPane root = new StackPane(consolePane);
        root.setPadding(new Insets(6));
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = Math.min(900, screen.getWidth() * 0.7);
        double h = Math.min(600, screen.getHeight() * 0.8);
        Scene scene = new Scene(root, w, h);
        stage.setScene(scene);
        stage.setX(screen.getMinX() + (screen.getWidth() - w) / 2);
        stage.setY(screen.getMinY() + (screen.getHeight() - h) / 2);
        if (getScene() != null) {
            scene.getStylesheets().setAll(getScene().getStylesheets());
            if (getScene().getWindow() != null) {
                stage.initOwner(getScene().getWindow());
            }
        }
        stage.setOnHidden(e -> {
            root.getChildren().clear();
            consoleHolder.getChildren().setAll(consolePane);
            consoleStage = null;
            detach.setText(Texts.t("fx.main.detach") + " \u2197");
            // The input still counts itself focused from the closed window, so a click would not focus it
            // and keys would go to this button; focusing it makes the main scene agree.
            Node input = consolePane.lookup("#consoleInput");
            if (input != null) {
                input.requestFocus();
            }
        });
        consoleStage = stage;
        detach.setText(Texts.t("fx.main.attach") + " \u2199");
        stage.show();
    }

    /** True while the console has its own window. */
    public boolean consoleDetached() {
        return consoleStage != null;
    }

    void setOnThemeToggle(Runnable r, boolean dark) {
        onThemeToggle = r;
        showTheme(dark);
    }

    void showTheme(boolean dark) {
        themeButton.setText(dark ? "\u2600 " + Texts.t("fx.main.theme.light") : "\u263e " + Texts.t("fx.main.theme.dark"));
        consolePane.darkProperty().set(dark);
    }

    private HBox connectionBar() {
        Label portLabel = new Label(Texts.t("fx.main.port"));
        portLabel.setMnemonicParsing(true);
        // A field and a menu of the ports found rather than an editable combo box, whose list view
        // was a sixth of the first frame's time.
        TextField port = new TextField(vm.portProperty().get());
        port.setId("portPicker");
        port.setPrefWidth(240); // leaves the connection state whole at 1280 wide ("Connected to … at 115200 baud")
        port.setPromptText(Texts.t("fx.main.port.prompt"));
        Tips.install(port, Texts.t("fx.main.port.tip"));
        portLabel.setLabelFor(port);
        Runnable takeTyped = () -> {
            String typed = port.getText() == null ? "" : port.getText().strip();
            vm.portProperty().set(typed.isEmpty() ? null : typed);
        };
        port.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                takeTyped.run();
            }
        });
        vm.portProperty().addListener((o, a, spec) -> {
            if (!java.util.Objects.equals(spec, port.getText())) {
                port.setText(spec);
            }
        });
        MenuButton found = new MenuButton(); // shows just its arrow
        found.setId("portMenu");
        found.getStyleClass().add(Styles.FLAT);
        found.setAccessibleText(Texts.t("fx.main.portsFound"));
        Tips.install(found, Texts.t("fx.main.portsFound.tip"));
        vm.ports().addListener((javafx.collections.ListChangeListener<PortInfo>) c -> found.getItems().setAll(
                vm.ports().stream().map(p -> {
                    MenuItem item = new MenuItem(describe(p.spec()));
                    item.setMnemonicParsing(false);
                    item.setOnAction(e -> vm.portProperty().set(p.spec()));
                    return item;
                }).toList()));

        // ChoiceBoxes where nothing is typed: they make no list view until opened (a quicker first frame)
        ChoiceBox<String> scenario = new ChoiceBox<>();
        scenario.setId("scenarioPicker");
        // the simulator's scenarios, offered by its link provider: the window knows no spec syntax
        Tips.install(scenario, Texts.t("fx.main.scenario.tip"));
        scenario.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> !Links.provider(vm.portProperty().get()).map(LinkProvider::variants).orElse(List.of()).isEmpty(),
                vm.portProperty()));
        scenario.managedProperty().bind(scenario.visibleProperty());
        scenario.disableProperty().bind(vm.connectedProperty().or(vm.busyProperty()));
        Consumer<String> showVariant = spec -> Links.provider(spec).ifPresent(p -> {
            if (!scenario.getItems().equals(p.variants())) {
                scenario.getItems().setAll(p.variants());
            }
            String name = p.variantOf(spec);
            if (name != null && !name.equals(scenario.getValue())) {
                scenario.setValue(name);
            }
        });
        showVariant.accept(vm.portProperty().get());
        vm.portProperty().addListener((o, a, spec) -> showVariant.accept(spec));
        scenario.valueProperty().addListener((o, a, name) -> {
            String spec = vm.portProperty().get();
            Links.provider(spec).ifPresent(p -> {
                if (name != null && !name.equals(p.variantOf(spec))) {
                    vm.portProperty().set(p.withVariant(spec, name));
                }
            });
        });

        Label baudLabel = new Label(Texts.t("fx.main.baud"));
        baudLabel.setMnemonicParsing(true);
        ChoiceBox<Integer> baud = new ChoiceBox<>();
        baud.setId("baudPicker");
        baud.getItems().setAll(MainViewModel.BAUDS);
        baud.valueProperty().bindBidirectional(vm.baudProperty());
        baudLabel.setLabelFor(baud);
        Tips.install(baud, Texts.t("fx.main.baud.tip"));

        connect.setId("connectButton");
        connect.getStyleClass().add(Styles.ACCENT);
        connect.textProperty().bind(Bindings.when(vm.connectedProperty()).then(Texts.t("fx.main.disconnect")).otherwise(Texts.t("fx.main.connect")));
        connect.disableProperty().bind(vm.busyProperty());
        connect.setOnAction(e -> {
            if (vm.connectedProperty().get()) {
                vm.disconnect();
            } else {
                vm.connect();
            }
        });
        port.disableProperty().bind(vm.connectedProperty().or(vm.busyProperty()));
        found.disableProperty().bind(port.disableProperty().or(Bindings.isEmpty(vm.ports())));
        baud.disableProperty().bind(vm.connectedProperty().or(vm.busyProperty()));
        // Enter connects; not the field's action, which the label's mnemonic (Alt+P) fires too
        port.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                e.consume();
                takeTyped.run();
                vm.connect();
            }
        });

        Label state = new Label();
        state.setId("stateLabel");
        state.textProperty().bind(vm.stateTextProperty());
        state.setWrapText(true); // a narrow window (960 wide at 200 %) gets two lines, not "Connected to sim:…"
        vm.stateProperty().addListener((o, a, s) -> {
            state.pseudoClassStateChanged(Styles.STATE_SUCCESS, s == LinkState.OPEN && vm.connectedProperty().get());
            state.pseudoClassStateChanged(Styles.STATE_DANGER, s == LinkState.DISCONNECTED);
        });
        Tips.install(state, Bindings.createStringBinding(() -> Texts.t("fx.main.sessionLog", vm.logFileProperty().get()),
                vm.logFileProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        themeButton.setId("themeButton");
        themeButton.getStyleClass().add(Styles.FLAT);
        themeButton.setOnAction(e -> onThemeToggle.run());

        MenuItem logs = new MenuItem(Texts.t("fx.main.openLogs"));
        logs.setId("openLogsItem");
        logs.setOnAction(e -> vm.openLogsFolder());
        MenuItem about = new MenuItem(Texts.t("fx.main.about"));
        about.setId("aboutItem");
        about.setOnAction(e -> showAbout());
        MenuItem transcript = new MenuItem(Texts.t("fx.main.saveTranscript"));
        transcript.setId("saveTranscriptItem");
        transcript.setOnAction(e -> TranscriptSaver.save(getScene() == null ? null : getScene().getWindow(),
                vm.logFileProperty().get()));
        MenuButton more = new MenuButton("⋯", null, logs, transcript, language, about);
        more.setId("moreMenu");
        more.getStyleClass().add(Styles.FLAT);
        Tips.install(more, Texts.t("fx.main.more.tip"));

        // Labels, rate, scenario and buttons keep their width; the port picker gives way and the state text wraps.
        for (Region r : new Region[] {portLabel, found, scenario, baudLabel, baud, connect, themeButton, more}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        port.setMinWidth(160);
        HBox portBox = new HBox(port, found);
        portBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(port, Priority.ALWAYS);
        HBox bar = new HBox(8, portLabel, portBox, baudLabel, baud, connect, state, spacer, themeButton, more);
        Lazily.addWhenVisible(bar, 2, scenario);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        bar.getStyleClass().add("connection-bar");
        bar.setId("connectionBar");
        return bar;
    }

    /** The About box: version from the build, what the program does, and the licence. */
    private void showAbout() {
        javafx.scene.control.Alert box = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        box.setTitle(Texts.t("fx.main.about"));
        box.setHeaderText(r4rescue.face.About.title());
        box.setContentText(r4rescue.face.About.summary());
        javafx.scene.control.TextArea licence = new javafx.scene.control.TextArea(r4rescue.face.About.licence());
        licence.setEditable(false);
        licence.setWrapText(true);
        licence.setId("aboutLicence");
        box.getDialogPane().setExpandableContent(licence);
        box.getDialogPane().setId("aboutBox");
        if (getScene() != null) {
            box.initOwner(getScene().getWindow());
        }
        box.show();
    }

    private String describe(String spec) {
        for (PortInfo p : vm.ports()) {
            if (p.spec().equals(spec)) {
                String d = p.description() == null || p.description().isBlank() ? "" : " — " + p.description();
                return (p.likelyAdapter() ? "\u2605 " : "") + spec + d;
            }
        }
        return spec;
    }

    private HBox banner() {
        Label message = new Label();
        message.setId("problemMessage");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.TEXT_BOLD);
        Label fix = new Label();
        fix.setId("problemFix");
        fix.setWrapText(true);
        Button close = new Button("\u2715");
        close.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        close.setOnAction(e -> vm.dismissProblem());
        Button copy = new Button(Texts.t("fx.main.copyCommand"));
        copy.setId("problemCopyCommand");
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(e -> {
            MainViewModel.Problem p = vm.problemProperty().get();
            if (p != null && p.command() != null) {
                javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
                content.putString(p.command());
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            }
        });
        VBox text = new VBox(2, message, fix);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox banner = new HBox(8, text, copy, close);
        banner.setId("problemBanner");
        banner.getStyleClass().add("problem-banner");
        banner.setPadding(new Insets(8, 12, 8, 12));
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(vm.problemProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        vm.problemProperty().addListener((o, a, p) -> {
            message.setText(p == null ? "" : p.message());
            fix.setText(p == null || p.fix() == null ? "" : p.fix());
            fix.setVisible(p != null && p.fix() != null);
            fix.setManaged(fix.isVisible());
            copy.setVisible(p != null && p.command() != null);
            copy.setManaged(copy.isVisible());
            copy.setTooltip(copy.isVisible() ? new javafx.scene.control.Tooltip(p.command()) : null);
        });
        return banner;
    }
}
