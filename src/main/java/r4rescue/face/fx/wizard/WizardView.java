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


/**
 * The recovery wizard: a start page that proposes a fix from the board's own words (or lets the
 * user pick a flow), then one step at a time with Back/Next, and the bench panel in demo mode.
 */
public final class WizardView extends VBox {

    private final WizardViewModel vm;
    private final Label flowTitle = new Label();
    private final Label stepOf = new Label();
    private final ScrollPane scroll = new ScrollPane();
    private final Button back = new Button("_Back");
    private final Button next = new Button("_Next");
    private final Button home = new Button("_All flows");
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
        Label heading = new Label("What happened to your board?");
        heading.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label();
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.when(vm.main().connectedProperty())
                .then("Listening. Switch the board off and on: from what it prints, the program proposes the fix. "
                        + "Or pick a flow yourself.")
                .otherwise("Connect to the board's serial port (top bar) — or pick \"Simulated BPI-R4\" to try everything "
                        + "without a board. Then switch the board on: the program listens and proposes the fix."));
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
                why.setText("The board's own words: " + p.why() + "\nProposed fix: " + p.flow().title + ".");
                proposed.setText("_Start: " + p.flow().title);
                proposed.setOnAction(e -> startFlow(p.flow()));
            }
        });
        Label pick = new Label("Or pick a flow:");
        pick.getStyleClass().add(Styles.TEXT_BOLD);
        Button sd = flowButton("_1  " + WizardViewModel.Flow.SD_UNBRICK.title, "flowSd", WizardViewModel.Flow.SD_UNBRICK,
                "The board halts before U-Boot (no BL2/FIP): boot it from OpenWrt's SD card and rewrite the NAND.");
        Button re = flowButton("_2  " + WizardViewModel.Flow.REFLASH.title, "flowReflash", WizardViewModel.Flow.REFLASH,
                "U-Boot still starts: write new BL2 and FIP files from its prompt.");
        Button ba = flowButton("_3  " + WizardViewModel.Flow.BOOTARGS.title, "flowBootargs", WizardViewModel.Flow.BOOTARGS,
                "The kernel starts but cannot find its root (e.g. waiting for an NVMe partition).");
        Button ua = flowButton("_4  " + WizardViewModel.Flow.UART_BOOT.title, "flowUartBoot", WizardViewModel.Flow.UART_BOOT,
                "No SD card, or the SD slot is dead: the Boot ROM takes a RAM BL2 and the FIP over the serial line.");
        Button mv = flowButton("_5  " + WizardViewModel.Flow.MIGRATE.title, "flowMigrate", WizardViewModel.Flow.MIGRATE,
                "OpenWrt runs: copy its root to the NVMe SSD, boot from it, then A/B slots and the production checklist.");
        Button ab = flowButton("_6  " + WizardViewModel.Flow.SLOTS.title, "flowSlots", WizardViewModel.Flow.SLOTS,
                "The root already runs from the SSD: switch or upgrade A/B slots, and check the board before production.");
        Button pf = flowButton("_7  " + WizardViewModel.Flow.PREFLIGHT.title, "flowPreflight", WizardViewModel.Flow.PREFLIGHT,
                "Nothing or garbage on the console? Test the adapter (loopback) and the wiring before blaming the board.");
        VBox box = new VBox(10, heading, hint, pick, sd, re, ba, ua, mv, ab, pf);
        r4rescue.face.fx.Lazily.addWhenVisible(box, 2, proposal);
        box.setPadding(new Insets(12, 14, 14, 14));
        box.setId("wizardStart");
        return box;
    }

    private Button flowButton(String text, String id, WizardViewModel.Flow flow, String tip) {
        Button b = new Button(text);
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
        };
        for (StepPane p : pages) {
            p.setOnCancel(vm::cancel);
        }
        flowTitle.setText(flow.title);
        go(0);
    }

    private void showStart() {
        if (vm.busy()) {
            return;
        }
        pages = List.of();
        flowTitle.setText("R4 Rescue");
        stepOf.setText("Recovery wizard");
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
        stepOf.setText("Step " + (i + 1) + " of " + pages.size() + " — " + p.title());
        scroll.setContent(p);
        scroll.setVvalue(0);
        back.setVisible(true);
        next.setVisible(true);
        home.setVisible(true);
        var running = p.run().stateProperty().isEqualTo(StepRun.State.RUNNING);
        back.disableProperty().bind(running.or(Bindings.createBooleanBinding(() -> index == 0)));
        next.disableProperty().bind(running.or(p.completeProperty().not()));
        next.setText(i + 1 == pages.size() ? "_Finish" : "_Next");
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
