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
import r4rescue.procedure.steps.StepListener;

/**
 * The observable state of one wizard step's work: running or not, what it says, the commands it
 * sent, its progress (rate and time left), and its result. Updated from the worker thread through
 * {@link #listener()}, which hands everything to the FX thread.
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
    private long progressStart;
    private String progressWhat;

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
        progressWhat = null;
        boardState.set(null);
    }

    void finished(State s, String text) {
        state.set(s);
        status.set("");
        result.set(text);
        showProgress.set(false);
    }

    /** The listener a procedure reports to; safe to call from any thread. */
    public StepListener listener() {
        return new StepListener() {
            @Override
            public void say(String message) {
                Platform.runLater(() -> status.set(message));
            }

            @Override
            public void command(String line) {
                Platform.runLater(() -> commands.set(commands.get().isEmpty() ? line : commands.get() + "\n" + line));
            }

            @Override
            public void progress(String what, long done, long total) {
                long now = System.currentTimeMillis();
                Platform.runLater(() -> showProgress(what, done, total, now));
            }

            @Override
            public void progress(Progress p) {
                Platform.runLater(() -> show(p));
            }
        };
    }

    /** The same for a procedure on the runtime ({@code r4rescue.procedure.core}); safe to call from any thread. */
    public Consumer<Event> events() {
        StepListener l = listener();
        return e -> {
            switch (e.kind()) {
                case COMMAND -> l.command(e.message());
                case PROGRESS -> l.progress(e.progress());
                case STATE -> Platform.runLater(() -> boardState.set(e.state()));
                default -> l.say(e.message());
            }
        };
    }

    private void showProgress(String what, long done, long total, long now) {
        if (!what.equals(progressWhat)) {
            progressWhat = what;
            progressStart = now;
        }
        show(new Progress(what, done, total, now - progressStart, false));
    }

    private void show(Progress p) {
        showProgress.set(true);
        progress.set(p.fraction());
        rate.set(p.text());
    }
}
