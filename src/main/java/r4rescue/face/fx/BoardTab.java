package r4rescue.face.fx;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Tab;

import r4rescue.console.bootlog.BootDiagnosis;
import r4rescue.face.fx.wizard.StepRun;
import r4rescue.face.fx.wizard.WizardViewModel;
import r4rescue.link.PortInfo;
import r4rescue.util.Texts;

/**
 * One board on the bench: today's main view (connection bar, wizard, boot timeline, console) over
 * a view model of its own, in a tab whose title says the board's state. Its summary (stage,
 * procedure and progress, last result, time) is what the bench overview shows in its row.
 */
public final class BoardTab {

    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final MainViewModel vm;
    private final WizardViewModel wizard;
    private final MainView view;
    private final Tab tab = new Tab();
    private final StringProperty name = new SimpleStringProperty();
    private final StringProperty stage = new SimpleStringProperty("");
    private final StringProperty procedure = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObjectProperty<StepRun.State> runState = new SimpleObjectProperty<>(StepRun.State.IDLE);
    private final StringProperty result = new SimpleStringProperty("");
    private final StringProperty time = new SimpleStringProperty("");
    private final StringProperty adapter = new SimpleStringProperty("");
    private StepRun followed;

    public BoardTab(String name, MainViewModel vm, WizardViewModel wizard, MainView view) {
        this.vm = vm;
        this.wizard = wizard;
        this.view = view;
        this.name.set(name);
        tab.setContent(view);
        tab.getStyleClass().add("board-tab");
        tab.textProperty().bind(Bindings.createStringBinding(this::title, this.name, stage, runState, vm.connectedProperty()));
        view.bootTimeline().diagnosisProperty().addListener((o, a, d) -> showStage(d));
        ChangeListener<StepRun.State> onState = (o, a, s) -> showRun(s);
        wizard.lastRunProperty().addListener((o, old, run) -> {
            if (old != null) {
                old.stateProperty().removeListener(onState);
                procedure.unbind();
                progress.unbind();
            }
            followed = run;
            if (run != null) {
                procedure.bind(run.statusProperty());
                progress.bind(run.progressProperty());
                run.stateProperty().addListener(onState);
                showRun(run.stateProperty().get());
            }
        });
        vm.ports().addListener((javafx.collections.ListChangeListener<PortInfo>) c -> showAdapter());
        vm.portProperty().addListener((o, a, p) -> showAdapter());
        showAdapter();
    }

    private String title() {
        String s = name.get() == null || name.get().isBlank() ? Texts.t("fx.boardTab.new") : name.get();
        if (!stage.get().isEmpty()) {
            s += " \u00b7 " + stage.get();
        }
        return s + switch (runState.get()) {
            case RUNNING -> " \u00b7 \u23f3";
            case DONE -> " \u2713";
            case FAILED -> " \u2717";
            case CANCELLED -> " \u2298";
            case IDLE -> vm.connectedProperty().get() ? "" : " (" + Texts.t("fx.boardTab.notConnected") + ")";
        };
    }

    private void showStage(BootDiagnosis d) {
        stage.set(d == null || d.lastStage() == r4rescue.console.bootlog.Stage.NONE ? ""
                : BootTimelineViewModel.stageName(d.lastStage()));
        stamp();
    }

    private void showRun(StepRun.State s) {
        runState.set(s);
        result.set(switch (s) {
            case DONE -> "\u2713 " + Texts.t("fx.boardTab.done");
            case FAILED -> "\u2717 " + firstLine(followed.resultProperty().get());
            case CANCELLED -> "\u2298 " + firstLine(followed.resultProperty().get());
            case RUNNING, IDLE -> result.get();
        });
        stamp();
    }

    private static String firstLine(String s) {
        return s == null || s.isBlank() ? "" : s.strip().split("\n")[0];
    }

    private void stamp() {
        time.set(LocalTime.now().format(HMS));
    }

    /** The adapter behind the port as the port list describes it (serial number when it has one). */
    private void showAdapter() {
        String spec = vm.portProperty().get();
        adapter.set(vm.ports().stream().filter(p -> p.spec().equals(spec)).findFirst()
                .map(p -> (p.description() == null ? "" : p.description())
                        + (p.serialNumber() == null ? "" : " #" + p.serialNumber()))
                .orElse(""));
    }

    public Tab tab() {
        return tab;
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public WizardViewModel wizard() {
        return wizard;
    }

    public MainView view() {
        return view;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The furthest boot stage the timeline saw ("" before any). */
    public StringProperty stageProperty() {
        return stage;
    }

    /** What the running (or last) procedure says it is doing. */
    public StringProperty procedureProperty() {
        return procedure;
    }

    /** The procedure's progress, 0..1, or negative when unknown. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public ObjectProperty<StepRun.State> runStateProperty() {
        return runState;
    }

    public StringProperty resultProperty() {
        return result;
    }

    /** When the stage or the procedure last changed. */
    public StringProperty timeProperty() {
        return time;
    }

    public StringProperty adapterProperty() {
        return adapter;
    }

    /** The tab was closed: its procedure stops at a safe point and its link closes, off the FX thread. */
    public void close() {
        Thread t = new Thread(this::shutdown, "board-tab-close");
        t.setDaemon(false); // a flash finishing its write must not be cut off by the program's exit
        t.start();
    }

    /** Stops the procedure at a safe point and closes the link; waits briefly (window closing). */
    public void shutdown() {
        wizard.shutdown();
        vm.shutdown();
    }
}
