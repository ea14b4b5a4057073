package r4rescue.face.fx.wizard;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import r4rescue.util.Texts;


/**
 * The recovery wizard: a start page that proposes a fix from the board's own words (or lets the
 * user pick a flow), then one step at a time with Back/Next, and the bench panel in demo mode.
 */
public final class WizardView extends VBox {

    private final WizardViewModel vm;
    private final Label flowTitle = new Label();
    private final Label stepOf = new Label();
    private final ScrollPane scroll = new ScrollPane();
    private final Button back = new Button(Texts.t("fx.wizard.back"));
    private final Button next = new Button(Texts.t("fx.wizard.next"));
    private final Button home = new Button(Texts.t("fx.wizard.home"));
    private final BenchPanel bench;
    private final VBox start;
    private List<StepPane> pages = List.of();
    private int index;

    public WizardView(WizardViewModel vm) {
        this.vm = vm;
        this.bench = new BenchPanel(vm.board());
        setId("wizard");
        getStyleClass().add("wizard");
        flowTitle.getStyleClass().add(Styles.TITLE_4);
        flowTitle.setWrapText(true);
        stepOf.getStyleClass().add(Styles.TEXT_MUTED);
        stepOf.setWrapText(true); // a long step title in a narrow wizard wraps rather than ending in "..."
        flowTitle.setMinHeight(Region.USE_PREF_SIZE); // the page below scrolls; the header keeps its lines
        stepOf.setMinHeight(Region.USE_PREF_SIZE);
        VBox header = new VBox(2, flowTitle, stepOf);
        header.setPadding(new Insets(10, 14, 0, 14));

        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("wizard-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        back.setId("wizardBack");
        next.setId("wizardNext");
        home.setId("wizardHome");
        home.getStyleClass().add(Styles.FLAT);
        back.setOnAction(e -> go(index - 1));
        next.setOnAction(e -> {
            if (index + 1 < pages.size()) {
                go(index + 1);
            } else {
                showStart();
            }
        });
        home.setOnAction(e -> showStart());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox nav = new HBox(8, home, spacer, back, next);
        nav.setAlignment(Pos.CENTER_RIGHT);
        nav.setPadding(new Insets(8, 14, 8, 14));
        nav.getStyleClass().add("wizard-nav");
        // no bar on the start page, where all three are hidden
        nav.visibleProperty().bind(home.visibleProperty());
        nav.managedProperty().bind(nav.visibleProperty());

        // the files the user picks go into the session's transcript (name, size, SHA-256), as the CLI's do
        addEventHandler(FileField.Picked.TYPE, e -> vm.main().fileUsed(e.path()));
        bench.setControls(vm.benchProperty().get());
        vm.benchProperty().addListener((o, a, b) -> bench.setControls(b));

        start = startPage();
        getChildren().addAll(header, scroll);
        showStart();
        r4rescue.face.fx.Lazily.addWhenVisible(this, 2, nav);
        r4rescue.face.fx.Lazily.addWhenVisible(this, 3, bench);
    }

    /** Image files picked in the wizard are kept in {@code settings}' recent images and offered again. */
    public static void useRecentImages(r4rescue.face.Settings settings) {
        FileField.useRecents(settings);
        FileField.useLibrary(r4rescue.AppDirs.forThisUser().data().resolve("images"));
    }

    /**
     * Puts a wizard for {@code vm} into the main window's left slot and lets the diagnosis card's
     * fix buttons start its flows.
     */
    public static WizardView install(r4rescue.face.fx.MainView main, WizardViewModel vm) {
        WizardView w = new WizardView(vm);
        main.setWizard(w);
        main.bootTimeline().onFixProperty().set(w::startFix);
        return w;
    }

    private VBox startPage() {
        Label heading = new Label(Texts.t("fx.wizard.heading"));
        heading.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.when(vm.main().connectedProperty())
                .then(Texts.t("fx.wizard.hint.listening"))
                .otherwise(Texts.t("fx.wizard.hint.connect")));
        Label why = new Label();
        why.setWrapText(true);
        why.setId("proposalText");
        Button proposed = new Button();
        proposed.setId("proposedFlow");
        proposed.getStyleClass().add(Styles.ACCENT);
        proposed.setDefaultButton(true);
        VBox proposal = new VBox(6, why, proposed);
        proposal.getStyleClass().add("wizard-proposal");
        proposal.setPadding(new Insets(10));
        proposal.visibleProperty().bind(vm.proposalProperty().isNotNull());
        proposal.managedProperty().bind(proposal.visibleProperty());
        vm.proposalProperty().addListener((o, a, p) -> {
            if (p != null) {
                why.setText(Texts.t("fx.wizard.proposal", p.why(), p.flow().words()));
                proposed.setText(p.flow().startText());
                proposed.setOnAction(e -> startFlow(p.flow()));
            }
        });
        Label pick = new Label(Texts.t("fx.wizard.pick"));
        pick.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(10, heading, hint, pick,
                flowButton(1, "flowSd", WizardViewModel.Flow.SD_UNBRICK, Texts.t("fx.wizard.flow.sd")),
                flowButton(2, "flowReflash", WizardViewModel.Flow.REFLASH, Texts.t("fx.wizard.flow.reflash")),
                flowButton(3, "flowBootargs", WizardViewModel.Flow.BOOTARGS, Texts.t("fx.wizard.flow.bootargs")),
                flowButton(4, "flowUartBoot", WizardViewModel.Flow.UART_BOOT, Texts.t("fx.wizard.flow.uart")),
                flowButton(5, "flowMigrate", WizardViewModel.Flow.MIGRATE, Texts.t("fx.wizard.flow.migrate")),
                flowButton(6, "flowSlots", WizardViewModel.Flow.SLOTS, Texts.t("fx.wizard.flow.slots")),
                flowButton(7, "flowPreflight", WizardViewModel.Flow.PREFLIGHT, Texts.t("fx.wizard.flow.preflight")),
                flowButton(8, "flowUpgrade", WizardViewModel.Flow.UPGRADE, Texts.t("upgradeui.flow.tip")));
        r4rescue.face.fx.Lazily.addWhenVisible(box, 2, proposal);
        box.setPadding(new Insets(12, 14, 14, 14));
        box.setId("wizardStart");
        return box;
    }

    /** The flow's button in the list: its number (Alt+number) and its one name. */
    private Button flowButton(int number, String id, WizardViewModel.Flow flow, String tip) {
        Button b = new Button("_" + number + "  " + flow.words());
        b.setId(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setAlignment(Pos.CENTER_LEFT);
        r4rescue.face.fx.Tips.install(b, tip);
        b.setOnAction(e -> startFlow(flow));
        return b;
    }

    /** Starts a flow by the diagnosis card's fix id (the timeline's onFix). */
    public void startFix(String fixId) {
        WizardViewModel.Flow f = WizardViewModel.Flow.forFix(fixId);
        if (f != null) {
            startFlow(f);
        }
    }

    public void startFlow(WizardViewModel.Flow flow) {
        if (vm.busy()) {
            return;
        }
        pages = switch (flow) {
            case SD_UNBRICK -> new SdUnbrickPages(vm).pages();
            case REFLASH -> {
                SdUnbrickPages sd = new SdUnbrickPages(vm);
                yield List.of(new BootArgsPages(vm).hold(false), sd.writeNand(false), sd.nandBoot());
            }
            case BOOTARGS -> new BootArgsPages(vm).pages();
            case UART_BOOT -> new UartBootPages(vm).pages();
            case MIGRATE -> new MigrationPages(vm).pages();
            case SLOTS -> new MigrationPages(vm).afterMigration();
            case PREFLIGHT -> new PreflightPages(vm).pages();
            case UPGRADE -> new UpgradePages(vm).pages();
        };
        for (StepPane p : pages) {
            p.setOnCancel(vm::cancel);
        }
        flowTitle.setText(flow.words());
        go(0);
    }

    private void showStart() {
        if (vm.busy()) {
            return;
        }
        pages = List.of();
        flowTitle.setText("R4 Rescue");
        stepOf.setText(Texts.t("fx.wizard.title"));
        scroll.setContent(start);
        back.setVisible(false);
        next.setVisible(false);
        home.setVisible(false);
    }

    private void go(int i) {
        if (i < 0 || i >= pages.size()) {
            return;
        }
        index = i;
        StepPane p = pages.get(i);
        stepOf.setText(Texts.t("fx.wizard.stepOf", i + 1, pages.size(), p.title()));
        scroll.setContent(p);
        scroll.setVvalue(0);
        back.setVisible(true);
        next.setVisible(true);
        home.setVisible(true);
        var running = p.run().stateProperty().isEqualTo(StepRun.State.RUNNING);
        back.disableProperty().bind(running.or(Bindings.createBooleanBinding(() -> index == 0)));
        next.disableProperty().bind(running.or(p.completeProperty().not()));
        next.setText(i + 1 == pages.size() ? Texts.t("fx.wizard.finish") : Texts.t("fx.wizard.next"));
        home.disableProperty().bind(running);
        p.run().resultProperty().addListener((o, a, r) -> {
            if (r != null && !r.isEmpty() && currentStep() == p) {
                scroll.layout();
                scroll.setVvalue(1.0);
            }
        });
        p.shown();
    }

    /** The step on screen, or null on the start page. */
    public StepPane currentStep() {
        return pages.isEmpty() ? null : pages.get(index);
    }

    public BenchPanel bench() {
        return bench;
    }
}
