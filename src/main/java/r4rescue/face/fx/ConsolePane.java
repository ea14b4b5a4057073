package r4rescue.face.fx;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

import atlantafx.base.theme.Styles;

import r4rescue.console.ConsoleModel;
import r4rescue.console.StyledLine;
import r4rescue.util.Texts;

/**
 * The live console: a virtualized list of the scrollback's lines, fed from the model at most once
 * per frame (an {@link AnimationTimer} drains the batched changes), with find, copy, clear,
 * timestamps, auto-scroll that pauses when the user scrolls up, and an input line with the keys
 * the board needs.
 */
public final class ConsolePane extends VBox {

    private final ConsoleViewModel vm;
    private final ObservableList<StyledLine> items = FXCollections.observableArrayList();
    private final ListView<StyledLine> list = new ListView<>(items);
    private final AtomicBoolean pending = new AtomicBoolean(true);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final TextField input = new TextField();
    private final TextField findField = new TextField();
    private final Label findStatus = new Label();
    private final HBox findBar;
    private final Button live = new Button("\u21e9 " + Texts.t("fx.console.live"));
    private final Label lineCount = new Label();
    private long viewFirstSeq;
    private int look;
    private VirtualFlow<?> flow;

    public ConsolePane(ConsoleViewModel vm) {
        this.vm = vm;
        setId("consolePane");
        getStyleClass().add("console-pane");

        list.setId("consoleLines");
        list.getStyleClass().addAll("console-lines", Styles.DENSE);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new StyledLineCell(this));
        String nothingYet = Texts.t("fx.console.nothingYet");
        list.setPlaceholder(new Label(nothingYet));
        VBox.setVgrow(list, Priority.ALWAYS);
        // Until the first line the list is not in the window, and a label like its placeholder stands
        // in: the list's skin and the console font (finding it lists the system's fonts) were a good
        // part of the first frame's time.
        Label empty = new Label(nothingYet);
        empty.getStyleClass().addAll("console-lines", "console-empty");
        empty.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        empty.setWrapText(true);

        live.setId("liveButton");
        live.getStyleClass().addAll(Styles.ACCENT);
        Tips.install(live, Texts.t("fx.console.live.tip"));
        live.visibleProperty().bind(vm.followingProperty().not());
        live.setOnAction(e -> follow());
        StackPane.setAlignment(live, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(live, new Insets(0, 24, 12, 0));
        StackPane view = new StackPane(empty);
        items.addListener(new javafx.collections.ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends StyledLine> c) {
                items.removeListener(this);
                list.setFixedCellSize(lineHeight());
                view.getChildren().set(0, list);
            }
        });
        Lazily.addWhenVisible(view, 1, live);
        VBox.setVgrow(view, Priority.ALWAYS);

        findBar = findBar();
        getChildren().addAll(toolBar(), view, inputRow());
        Lazily.addWhenVisible(this, 1, findBar);
        setSpacing(4);

        vm.model().setChangeListener(() -> pending.set(true));
        vm.timestampsProperty().addListener((o, a, b) -> redraw());
        dark.addListener((o, a, b) -> redraw());
        vm.matchProperty().addListener((o, a, m) -> {
            redraw();
            showMatch(m);
        });
        vm.followingProperty().addListener((o, a, f) -> {
            if (f) {
                scrollToEnd();
            }
        });
        installScrollWatch();
        installShortcuts();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse();
            }
        }.start();
    }

    ConsoleViewModel viewModel() {
        return vm;
    }

    /** Changes whenever the way lines are drawn changes, so cells know to rebuild. */
    int look() {
        return look;
    }

    boolean isDark() {
        return dark.get();
    }

    /** Draw ANSI colours for the dark theme. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /** The lines the view shows now (for tests and copy). */
    public List<StyledLine> shownLines() {
        return items;
    }

    public TextField inputField() {
        return input;
    }

    private void redraw() {
        look++;
        list.refresh();
    }

    private static double lineHeight() {
        Text probe = new Text("Mg");
        probe.setFont(ConsoleLook.REGULAR);
        return Math.ceil(probe.getLayoutBounds().getHeight()) + 3;
    }

    // ---- model → view, once per frame

    private void pulse() {
        if (!pending.getAndSet(false)) {
            if (vm.followingProperty().get() && !atEnd()) {
                scrollToEnd(); // the flow learns of lines added in the last pulse only at its next layout
            }
            return;
        }
        int firstVisible = firstVisibleIndex();
        ConsoleModel.Change c = vm.model().drainChanges();
        if (c.isEmpty()) {
            return;
        }
        if (c.trimmed() > 0) {
            items.remove(0, Math.min(c.trimmed(), items.size()));
        }
        if (c.from() < items.size()) {
            if (c.from() == items.size() - 1 && c.tail().size() == 1) {
                items.set(c.from(), c.tail().get(0)); // the open line grew: one replace, no size change
            } else {
                items.remove(c.from(), items.size());
                items.addAll(c.tail());
            }
        } else if (!c.tail().isEmpty()) {
            items.addAll(c.tail());
        }
        viewFirstSeq = c.firstSeq();
        lineCount.setText(Texts.t("fx.console.lineCount", String.format(Texts.locale(), "%,d", items.size())));
        if (vm.followingProperty().get()) {
            scrollToEnd();
        } else if (c.trimmed() > 0 && flow != null && firstVisible >= 0) {
            flow.scrollToTop(Math.max(0, firstVisible - c.trimmed())); // keep the paused view still
        }
    }

    private int firstVisibleIndex() {
        if (flow == null || flow.getFirstVisibleCell() == null) {
            return -1;
        }
        return flow.getFirstVisibleCell().getIndex();
    }

    private void scrollToEnd() {
        if (!items.isEmpty()) {
            if (flow != null) {
                flow.scrollTo(items.size() - 1);
            } else {
                list.scrollTo(items.size() - 1);
            }
        }
    }

    private boolean atEnd() {
        if (flow == null || items.isEmpty()) {
            return true;
        }
        var last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= items.size() - 1;
    }

    /** Stops following when the user scrolls up or grabs the scroll bar; follows again at the end. */
    private void installScrollWatch() {
        list.skinProperty().addListener((o, a, skin) -> Platform.runLater(() -> {
            flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
            for (Node n : list.lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar sb && sb.getOrientation() == Orientation.VERTICAL) {
                    sb.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.followingProperty().set(false));
                    sb.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::refollowIfAtEnd));
                }
            }
            scrollToEnd();
        }));
        list.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                vm.followingProperty().set(false);
            } else if (e.getDeltaY() < 0) {
                Platform.runLater(this::refollowIfAtEnd);
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (CTRL_C.match(e)) {
                copy();
                e.consume();
                return;
            }
            switch (e.getCode()) {
                case UP, PAGE_UP, HOME -> vm.followingProperty().set(false);
                case END -> follow();
                default -> {
                }
            }
        });
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getTarget() != list) {
                vm.followingProperty().set(false); // selecting lines to copy: hold the view still
            }
        });
    }

    private void refollowIfAtEnd() {
        if (!vm.followingProperty().get() && atEnd()) {
            vm.followingProperty().set(true);
        }
    }

    private void follow() {
        list.getSelectionModel().clearSelection();
        vm.followingProperty().set(true);
        scrollToEnd();
    }

    // ---- tool bar, find, copy

    private HBox toolBar() {
        Button find = tip(new Button(Texts.t("fx.console.find")), Texts.t("fx.console.find.tip"));
        find.setOnAction(e -> showFind());
        Button copy = tip(new Button(Texts.t("fx.console.copy")), Texts.t("fx.console.copy.tip"));
        copy.setId("copyButton");
        copy.setOnAction(e -> copy());
        Button clear = tip(new Button(Texts.t("fx.console.clear")), Texts.t("fx.console.clear.tip"));
        clear.setId("clearButton");
        clear.setOnAction(e -> vm.clear());
        ToggleButton stamps = tip(new ToggleButton(Texts.t("fx.console.timestamps")), Texts.t("fx.console.timestamps.tip"));
        stamps.setId("timestampsToggle");
        stamps.selectedProperty().bindBidirectional(vm.timestampsProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        lineCount.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bar = new HBox(6, find, copy, clear, stamps, spacer, lineCount);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private HBox findBar() {
        findField.setId("findField");
        findField.setPromptText(Texts.t("fx.console.find.prompt"));
        findField.textProperty().bindBidirectional(vm.findTextProperty());
        findField.textProperty().addListener((o, a, b) -> vm.clearFind());
        HBox.setHgrow(findField, Priority.ALWAYS);
        Button prev = small(new Button("\u25b2"), Texts.t("fx.console.find.prev"));
        prev.setOnAction(e -> find(false));
        Button next = small(new Button("\u25bc"), Texts.t("fx.console.find.next"));
        next.setOnAction(e -> find(true));
        Button close = small(new Button("\u2715"), Texts.t("fx.console.find.close"));
        close.setOnAction(e -> hideFind());
        findField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                find(!e.isShiftDown());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                hideFind();
                e.consume();
            }
        });
        HBox bar = new HBox(6, findField, prev, next, findStatus, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setId("findBar");
        bar.setVisible(false);
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    public void showFind() {
        findBar.setVisible(true);
        findField.requestFocus();
        findField.selectAll();
    }

    private void hideFind() {
        findBar.setVisible(false);
        vm.clearFind();
        findStatus.setText("");
        input.requestFocus();
    }

    private void find(boolean forward) {
        ConsoleModel.Match m = vm.find(forward);
        findStatus.setText(m == null ? (vm.findTextProperty().get().isEmpty() ? "" : Texts.t("fx.console.find.notFound")) : "");
    }

    private void showMatch(ConsoleModel.Match m) {
        if (m == null) {
            return;
        }
        int index = (int) (m.seq() - viewFirstSeq);
        if (index >= 0 && index < items.size()) {
            list.getSelectionModel().clearAndSelect(index);
            if (flow != null) {
                flow.scrollTo(index);
            } else {
                list.scrollTo(index);
            }
        }
    }

    /** Copies the selected lines, or the whole scrollback when nothing is selected. */
    public void copy() {
        List<StyledLine> chosen = list.getSelectionModel().getSelectedItems();
        StringBuilder sb = new StringBuilder();
        if (chosen.isEmpty()) {
            sb.append(vm.model().text());
        } else {
            for (StyledLine l : List.copyOf(chosen)) {
                sb.append(l.text()).append('\n');
            }
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(sb.toString());
        Clipboard.getSystemClipboard().setContent(content);
    }

    // ---- input

    private HBox inputRow() {
        input.setId("consoleInput");
        input.getStyleClass().add("console-input");
        input.setPromptText(Texts.t("fx.console.input.prompt"));
        HBox.setHgrow(input, Priority.ALWAYS);
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::inputKey);
        HBox row = new HBox(4, input,
                key("Enter", Texts.t("fx.console.key.enter"), ConsoleViewModel.Key.ENTER),
                key("Ctrl-C", Texts.t("fx.console.key.ctrlC"), ConsoleViewModel.Key.CTRL_C),
                key("Esc", Texts.t("fx.console.key.esc"), ConsoleViewModel.Key.ESC),
                key("\u2191", Texts.t("fx.console.key.up"), ConsoleViewModel.Key.UP),
                key("\u2193", Texts.t("fx.console.key.down"), ConsoleViewModel.Key.DOWN),
                key("\u2190", Texts.t("fx.console.key.left"), ConsoleViewModel.Key.LEFT),
                key("\u2192", Texts.t("fx.console.key.right"), ConsoleViewModel.Key.RIGHT));
        Button brk = small(new Button(Texts.t("fx.console.break")), Texts.t("fx.console.break.tip"));
        brk.setId("breakButton");
        brk.setOnAction(e -> vm.sendBreak());
        row.getChildren().add(brk);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Button key(String label, String tip, ConsoleViewModel.Key key) {
        Button b = small(new Button(label), tip);
        b.setId("key" + key.name());
        b.setFocusTraversable(false);
        b.setOnAction(e -> {
            vm.sendKey(key);
            input.requestFocus();
        });
        return b;
    }

    private static final KeyCombination CTRL_C = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private void inputKey(KeyEvent e) {
        ConsoleViewModel.Key arrow = null;
        switch (e.getCode()) {
            case ENTER -> {
                vm.sendLine(input.getText());
                input.clear();
                follow();
            }
            case UP -> {
                if (e.isAltDown()) {
                    arrow = ConsoleViewModel.Key.UP;
                } else {
                    input.setText(vm.historyPrevious(input.getText()));
                    input.end();
                }
            }
            case DOWN -> {
                if (e.isAltDown()) {
                    arrow = ConsoleViewModel.Key.DOWN;
                } else {
                    input.setText(vm.historyNext(input.getText()));
                    input.end();
                }
            }
            case LEFT, RIGHT -> {
                if (!e.isAltDown()) {
                    return;
                }
                arrow = e.getCode() == KeyCode.LEFT ? ConsoleViewModel.Key.LEFT : ConsoleViewModel.Key.RIGHT;
            }
            case ESCAPE -> vm.sendKey(ConsoleViewModel.Key.ESC);
            default -> {
                if (CTRL_C.match(e) && input.getSelectedText().isEmpty()) {
                    vm.sendKey(ConsoleViewModel.Key.CTRL_C);
                } else {
                    return;
                }
            }
        }
        if (arrow != null) {
            vm.sendKey(arrow);
        }
        e.consume();
    }

    /** Installs Ctrl+F once the pane is in a scene. */
    private void installShortcuts() {
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::showFind);
            }
        });
    }

    private static <T extends javafx.scene.control.ButtonBase> T small(T b, String tip) {
        b.getStyleClass().add(Styles.SMALL);
        return tip(b, tip);
    }

    private static <T extends javafx.scene.control.ButtonBase> T tip(T b, String tip) {
        return Tips.install(b, tip);
    }
}
