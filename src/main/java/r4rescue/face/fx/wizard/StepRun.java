package r4rescue.face.fx.wizard;

import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Progress;

/**
 * The observable state of one wizard step's work: running or not, what it says, the commands it
 * sent, its progress (rate and time left), and its result. Updated from the worker thread through
 * {@link #events()}, which hands everything to the FX thread.
 */
public final class StepRun {

    public enum State { IDLE, RUNNING, DONE, FAILED, CANCELLED }

    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty commands = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final BooleanProperty showProgress = new SimpleBooleanProperty(false);
    private final StringProperty rate = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final ObjectProperty<BoardState> boardState = new SimpleObjectProperty<>();

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty commandsProperty() {
        return commands;
    }

    /** 0..1, or -1 for work of unknown length. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty showProgressProperty() {
        return showProgress;
    }

    /** E.g. "11.2 KiB/s · 1 min 20 s left". */
    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty resultProperty() {
        return result;
    }

    /** The board's latest state as the running procedure said it (null until one says it). */
    public ObjectProperty<BoardState> boardStateProperty() {
        return boardState;
    }

    public boolean done() {
        return state.get() == State.DONE;
    }

    void started() {
        state.set(State.RUNNING);
        result.set("");
        status.set("");
        showProgress.set(false);
        boardState.set(null);
    }

    void finished(State s, String text) {
        state.set(s);
        status.set("");
        result.set(text);
        showProgress.set(false);
    }

    /**
     * Where a step's work reports (a procedure on {@code r4rescue.procedure.core}, or the wizard's own
     * steps through {@link WizardViewModel.Ctx}): commands under Commands, progress with rate and time
     * left, the board's state, every other event as the status line. Safe to call from any thread.
     */
    public Consumer<Event> events() {
        return e -> Platform.runLater(() -> {
            switch (e.kind()) {
                case COMMAND -> commands.set(commands.get().isEmpty() ? e.message() : commands.get() + "\n" + e.message());
                case PROGRESS -> show(e.progress());
                case STATE -> boardState.set(e.state());
                default -> status.set(e.message());
            }
        });
    }

    private void show(Progress p) {
        showProgress.set(true);
        progress.set(p.fraction());
        rate.set(p.text());
    }
}
