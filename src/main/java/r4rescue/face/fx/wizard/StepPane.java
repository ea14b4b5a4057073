package r4rescue.face.fx.wizard;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import r4rescue.util.Texts;

/**
 * One wizard step as the user sees it: what to do with your hands, what the program checks, the
 * step's own controls, its actions, progress (rate, time left, Cancel), the result, and a collapsed
 * "Commands" disclosure with the exact commands sent.
 */
public final class StepPane extends VBox {

    private final String title;
    private final StepRun run = new StepRun();
    private final BooleanProperty complete = new SimpleBooleanProperty(false);
    private final VBox body = new VBox(10);
    private final FlowPane actions = new FlowPane(8, 8);
    private final Label result = new Label();
    private Runnable onShow = () -> { };

    public StepPane(String id, String title, String hands, String checks) {
        this.title = title;
        setId(id);
        getStyleClass().add("wizard-step");
        setSpacing(10);
        setPadding(new Insets(12, 14, 14, 14));

        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        heading.setWrapText(true);
        getChildren().add(heading);
        if (hands != null) {
            getChildren().add(section(Texts.t("fx.step.hands"), hands, "step-hands"));
        }
        if (checks != null) {
            getChildren().add(section("\u2714 " + Texts.t("fx.step.checks"), checks, "step-checks"));
        }

        Label status = new Label();
        status.getStyleClass().add("step-status");
        status.setWrapText(true);
        status.textProperty().bind(run.statusProperty());
        status.visibleProperty().bind(run.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(run.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button cancel = new Button(Texts.t("fx.step.cancel"));
        cancel.setId(id + "-cancel");
        cancel.setCancelButton(false);
        cancel.setOnAction(e -> onCancel.run());
        Label rate = new Label();
        rate.getStyleClass().add(Styles.TEXT_SMALL);
        rate.textProperty().bind(run.rateProperty());
        rate.setWrapText(true);
        HBox barRow = new HBox(8, bar, cancel);
        barRow.setAlignment(Pos.CENTER_LEFT);
        VBox progress = new VBox(4, barRow, rate);
        progress.visibleProperty().bind(run.stateProperty().isEqualTo(StepRun.State.RUNNING));
        progress.managedProperty().bind(progress.visibleProperty());
        rate.visibleProperty().bind(run.showProgressProperty());
        rate.managedProperty().bind(rate.visibleProperty());

        // The board's state as the procedure last said it (set before an erase is sent), shown while it runs and after.
        Label board = new Label();
        board.setId(id + "-board");
        board.setWrapText(true);
        board.getStyleClass().add(Styles.TEXT_SMALL);
        board.textProperty().bind(Bindings.createStringBinding(() -> run.boardStateProperty().get() == null ? ""
                : Texts.t("fx.step.board", run.boardStateProperty().get().words()), run.boardStateProperty()));
        board.visibleProperty().bind(run.boardStateProperty().isNotNull());
        board.managedProperty().bind(board.visibleProperty());

        result.setId(id + "-result");
        result.setWrapText(true);
        result.getStyleClass().add("step-result");
        result.textProperty().bind(run.resultProperty());
        result.visibleProperty().bind(run.resultProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        run.stateProperty().addListener((o, a, s) -> {
            result.pseudoClassStateChanged(Styles.STATE_SUCCESS, s == StepRun.State.DONE);
            result.pseudoClassStateChanged(Styles.STATE_DANGER, s == StepRun.State.FAILED);
            result.pseudoClassStateChanged(Styles.STATE_WARNING, s == StepRun.State.CANCELLED);
        });

        TextArea commands = new TextArea();
        commands.setEditable(false);
        commands.setWrapText(false);
        commands.setPrefRowCount(6);
        commands.getStyleClass().add("step-commands");
        commands.textProperty().bind(Bindings.when(run.commandsProperty().isEmpty())
                .then(Texts.t("fx.step.noCommands")).otherwise(run.commandsProperty()));
        TitledPane disclosure = new TitledPane(Texts.t("fx.step.commands"), commands);
        disclosure.setId(id + "-commands");
        disclosure.setExpanded(false);
        disclosure.setAnimated(false);

        getChildren().addAll(body, actions, status, progress, board, result, disclosure);
    }

    private Runnable onCancel = () -> { };

    public String title() {
        return title;
    }

    public StepRun run() {
        return run;
    }

    /** True when the step is done and Next may be pressed. */
    public BooleanProperty completeProperty() {
        return complete;
    }

    /** The step's own controls (drawing, pickers, lists). */
    public StepPane content(Node... nodes) {
        body.getChildren().addAll(nodes);
        return this;
    }

    public StepPane action(Button... buttons) {
        actions.getChildren().addAll(buttons);
        for (Button b : buttons) {
            b.disableProperty().bind(run.stateProperty().isEqualTo(StepRun.State.RUNNING));
        }
        return this;
    }

    void setOnCancel(Runnable r) {
        onCancel = r;
    }

    /** Called each time the step comes on screen. */
    public StepPane onShow(Runnable r) {
        onShow = r;
        return this;
    }

    void shown() {
        onShow.run();
    }

    /** Shows a result the step found without running board work (e.g. a file check). */
    public void say(StepRun.State s, String text) {
        run.finished(s, text);
    }

    private static VBox section(String heading, String text, String style) {
        Label h = new Label(heading);
        h.getStyleClass().add(Styles.TEXT_BOLD);
        Label t = new Label(text);
        t.setWrapText(true);
        VBox box = new VBox(2, h, t);
        box.getStyleClass().add(style);
        return box;
    }
}
