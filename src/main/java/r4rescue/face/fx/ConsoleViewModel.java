package r4rescue.face.fx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import r4rescue.console.Console;
import r4rescue.console.ConsoleModel;
import r4rescue.console.LineAssembler;
import r4rescue.console.StyledLine;
import r4rescue.util.Texts;

/**
 * State of the console pane, independent of its controls: the scrollback model, follow/timestamp
 * switches, the find position, the input history, and sending keys to the board (on a thread of
 * its own, never the FX thread). The scrollback lives across sessions, so reconnects show as markers.
 */
public final class ConsoleViewModel {

    /** Keys the board needs that a text field cannot type. */
    public enum Key {
        ENTER("\r"), CTRL_C("\u0003"), ESC("\u001b"),
        UP("\u001b[A"), DOWN("\u001b[B"), RIGHT("\u001b[C"), LEFT("\u001b[D");

        final byte[] bytes;

        Key(String s) {
            bytes = s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final int HISTORY = 200;
    private static final int BREAK_MS = 250;

    private final ConsoleModel model;
    private final LineAssembler assembler;
    private final BooleanProperty following = new SimpleBooleanProperty(true);
    private final BooleanProperty timestamps = new SimpleBooleanProperty(false);
    private final StringProperty findText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ConsoleModel.Match> match = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Console> console = new SimpleObjectProperty<>();
    private final List<String> history = new ArrayList<>();
    private int historyIndex;
    private String draft = "";
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-send");
        t.setDaemon(true);
        return t;
    });
    private Consumer<String> errors = e -> { };

    public ConsoleViewModel(int scrollbackLines) {
        model = new ConsoleModel(scrollbackLines);
        assembler = new LineAssembler(model);
    }

    public ConsoleModel model() {
        return model;
    }

    /** Subscribe this to a session's {@link Console}. */
    public LineAssembler assembler() {
        return assembler;
    }

    /** The console keys are sent to; null while not connected. */
    public ObjectProperty<Console> consoleProperty() {
        return console;
    }

    void setErrorSink(Consumer<String> errors) {
        this.errors = errors;
    }

    public BooleanProperty followingProperty() {
        return following;
    }

    public BooleanProperty timestampsProperty() {
        return timestamps;
    }

    public StringProperty findTextProperty() {
        return findText;
    }

    public ReadOnlyObjectProperty<ConsoleModel.Match> matchProperty() {
        return match.getReadOnlyProperty();
    }

    // ---- sending

    /** Sends {@code line} and a carriage return (what Enter sends on a terminal), and remembers it. */
    public void sendLine(String line) {
        if (!line.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(line))) {
            history.add(line);
            if (history.size() > HISTORY) {
                history.remove(0);
            }
        }
        historyIndex = history.size();
        draft = "";
        send((line + "\r").getBytes(StandardCharsets.UTF_8));
    }

    public void sendKey(Key key) {
        send(key.bytes);
    }

    public void sendBreak() {
        Console c = connected();
        if (c != null) {
            sender.execute(() -> {
                try {
                    c.link().sendBreak(BREAK_MS);
                } catch (IOException e) {
                    report(Texts.t("fx.console.error.break", e));
                }
            });
        }
    }

    private void send(byte[] bytes) {
        Console c = connected();
        if (c != null) {
            sender.execute(() -> {
                try {
                    c.send(bytes);
                } catch (IOException e) {
                    report(Texts.t("fx.console.error.send", e));
                }
            });
        }
    }

    private Console connected() {
        Console c = console.get();
        if (c == null) {
            errors.accept(Texts.t("fx.console.error.notConnected"));
        }
        return c;
    }

    private void report(String message) {
        Platform.runLater(() -> errors.accept(message));
    }

    // ---- input history

    /** The entry before the one shown (Up); {@code current} is kept as the draft when leaving it. */
    public String historyPrevious(String current) {
        if (historyIndex == history.size()) {
            draft = current;
        }
        if (historyIndex > 0) {
            historyIndex--;
        }
        return history.isEmpty() ? current : history.get(historyIndex);
    }

    /** The entry after the one shown (Down), or the draft past the newest. */
    public String historyNext(String current) {
        if (historyIndex >= history.size()) {
            return current;
        }
        historyIndex++;
        return historyIndex == history.size() ? draft : history.get(historyIndex);
    }

    // ---- scrollback

    public void clear() {
        match.set(null);
        assembler.clear();
    }

    /** Moves to the next (or previous) match of the find text; returns it, or null if there is none. */
    public ConsoleModel.Match find(boolean forward) {
        String needle = findText.get();
        ConsoleModel.Match m = match.get();
        ConsoleModel.Match next;
        if (m != null && model.line(m.seq()) != null) {
            next = model.find(needle, m.seq(), forward ? m.start() + 1 : m.start(), forward);
        } else if (forward) {
            next = model.find(needle, model.firstSeq(), 0, true);
        } else {
            next = model.find(needle, model.endSeq() - 1, Integer.MAX_VALUE, false);
        }
        match.set(next);
        if (next != null) {
            following.set(false);
        }
        return next;
    }

    /**
     * Scrolls to line {@code seq} of the model and selects it (as a find match: following stops);
     * false if that line is no longer in the scrollback.
     */
    public boolean revealLine(long seq) {
        StyledLine l = model.line(seq);
        if (l == null) {
            return false;
        }
        following.set(false);
        match.set(null); // the same line again must still scroll there
        match.set(new ConsoleModel.Match(seq, l, 0, l.text().length()));
        return true;
    }

    public void clearFind() {
        match.set(null);
    }

    void shutdown() {
        sender.shutdown();
    }
}
