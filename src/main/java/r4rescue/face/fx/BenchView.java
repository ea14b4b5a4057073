package r4rescue.face.fx;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import atlantafx.base.theme.Styles;

import r4rescue.link.PortInfo;
import r4rescue.util.Texts;

/**
 * The window's content: a tab per board (each a {@link BoardTab}, independent of the others) and
 * the bench overview, one row per board. "New tab" picks a port; with "Open a tab for each new
 * adapter" on, an adapter plugged in gets its own tab, named by its USB serial number or by-id
 * name, so the same adapter plugged in again finds its tab (whose link reconnects by itself).
 */
public final class BenchView extends BorderPane {

    public static final String OVERVIEW_ID = "benchOverview";

    private final SharedPortWatch ports;
    private final Function<String, BoardTab> boards;
    private final TabPane tabs = new TabPane();
    private final Tab overview = new Tab(Texts.t("fx.bench.tab"));
    private final ObservableList<BoardTab> open = FXCollections.observableArrayList();
    private final CheckBox autoOpen = new CheckBox(Texts.t("fx.bench.autoOpen"));
    private final Set<String> adaptersSeen = new HashSet<>();
    private boolean firstList = true;

    /** @param boards makes a board tab with the given name (its own view models and view) */
    public BenchView(SharedPortWatch ports, Function<String, BoardTab> boards) {
        this.ports = ports;
        this.boards = boards;
        getStyleClass().add("bench-view");
        overview.setClosable(false);
        overview.setId("overviewTab");
        // The table is made when first shown: one board needs no overview at start-up. The first tab added is
        // selected at once, so a selection before the window exists does not count (430 nodes in the first frame).
        overview.selectedProperty().addListener((o, a, shown) -> tableIfShown());
        tabs.sceneProperty().addListener((o, a, scene) -> tableIfShown());
        tabs.getTabs().add(overview);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        setTop(toolbar());
        setCenter(tabs);
        ports.addListener(this::portsChanged);
    }

    private void tableIfShown() {
        if (overview.isSelected() && overview.getContent() == null && tabs.getScene() != null) {
            overview.setContent(table());
        }
    }

    private HBox toolbar() {
        MenuButton add = new MenuButton(Texts.t("fx.bench.newTab"));
        add.setId("newTabMenu");
        add.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        Tips.install(add, Texts.t("fx.bench.newTab.tip"));
        add.setOnShowing(e -> {
            add.getItems().clear();
            for (PortInfo p : ports.ports()) {
                MenuItem item = new MenuItem((p.likelyAdapter() ? "\u2605 " : "") + p.spec()
                        + (p.description() == null || p.description().isBlank() ? "" : " \u2014 " + p.description()));
                item.setMnemonicParsing(false);
                item.setOnAction(a -> newTab(p.spec(), tabName(p)));
                add.getItems().add(item);
            }
            MenuItem typed = new MenuItem(Texts.t("fx.bench.emptyTab"));
            typed.setId("newEmptyTab");
            typed.setOnAction(a -> newTab(null, null));
            add.getItems().add(typed);
        });
        autoOpen.setId("autoOpenTabs");
        autoOpen.getStyleClass().add(Styles.SMALL);
        Tips.install(autoOpen, Texts.t("fx.bench.autoOpen.tip"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(10, add, autoOpen, gap);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 10, 0, 10));
        return bar;
    }

    /** Opens a tab on {@code port} (may be null: the user types it), named {@code name} or after the port. */
    public BoardTab newTab(String port, String name) {
        BoardTab b = boards.apply(name != null ? name : port);
        if (port != null) {
            b.viewModel().portProperty().set(port);
        }
        if (name == null) {
            b.nameProperty().bind(Bindings.createStringBinding(() -> shortName(b.viewModel().portProperty().get()),
                    b.viewModel().portProperty()));
        }
        b.tab().setOnClosed(e -> {
            open.remove(b);
            b.close();
        });
        open.add(b);
        tabs.getTabs().add(b.tab());
        tabs.getSelectionModel().select(b.tab());
        b.viewModel().startPortWatch();
        return b;
    }

    /** The board tabs open now, in order. */
    public ObservableList<BoardTab> boards() {
        return open;
    }

    public TabPane tabPane() {
        return tabs;
    }

    public CheckBox autoOpenBox() {
        return autoOpen;
    }

    /** Shows the overview tab. */
    public void showOverview() {
        tabs.getSelectionModel().select(overview);
    }

    /** The adapter's lasting name: its USB serial number, else its by-id name, else the port. */
    static String tabName(PortInfo p) {
        if (p.serialNumber() != null && !p.serialNumber().isBlank()) {
            return p.serialNumber();
        }
        if (p.byIdPath() != null && !p.byIdPath().isBlank()) {
            return shortName(p.byIdPath());
        }
        return shortName(p.spec());
    }

    private static String shortName(String port) {
        if (port == null || port.isBlank()) {
            return "";
        }
        int slash = port.lastIndexOf('/');
        return slash >= 0 && slash < port.length() - 1 ? port.substring(slash + 1) : port;
    }

    /**
     * A new adapter in the list opens its tab (when asked to) unless a tab already has that name:
     * the same adapter plugged in again keeps its tab. Adapters there at the start are not new.
     */
    private void portsChanged(List<PortInfo> list) {
        for (PortInfo p : list) {
            if (p.spec().startsWith("sim:") || !adaptersSeen.add(tabName(p)) || firstList) {
                continue;
            }
            if (autoOpen.isSelected() && open.stream().noneMatch(b -> tabName(p).equals(b.nameProperty().get()))) {
                newTab(p.spec(), tabName(p)).viewModel().connect();
            }
        }
        firstList = false;
    }

    private TableView<BoardTab> table() {
        TableView<BoardTab> t = new TableView<>(open);
        t.setId(OVERVIEW_ID);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label(Texts.t("fx.bench.empty")));
        t.getColumns().add(column(Texts.t("fx.bench.col.board"), BoardTab::nameProperty));
        t.getColumns().add(column(Texts.t("fx.bench.col.port"), b -> b.viewModel().portProperty()));
        t.getColumns().add(column(Texts.t("fx.bench.col.adapter"), BoardTab::adapterProperty));
        t.getColumns().add(column(Texts.t("fx.bench.col.link"), b -> b.viewModel().stateTextProperty()));
        t.getColumns().add(column(Texts.t("fx.bench.col.stage"), BoardTab::stageProperty));
        t.getColumns().add(column(Texts.t("fx.bench.col.procedure"), BoardTab::procedureProperty));
        TableColumn<BoardTab, Number> progress = new TableColumn<>(Texts.t("fx.bench.col.progress"));
        progress.setCellValueFactory(c -> c.getValue().progressProperty());
        progress.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                BoardTab b = empty || getTableRow() == null ? null : getTableRow().getItem();
                boolean running = b != null && b.runStateProperty().get() == r4rescue.face.fx.wizard.StepRun.State.RUNNING;
                bar.setProgress(v == null ? 0 : v.doubleValue());
                setGraphic(running ? bar : null);
            }
        });
        t.getColumns().add(progress);
        t.getColumns().add(column(Texts.t("fx.bench.col.result"), BoardTab::resultProperty));
        t.getColumns().add(column(Texts.t("fx.bench.col.time"), BoardTab::timeProperty));
        t.setRowFactory(v -> {
            TableRow<BoardTab> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    tabs.getSelectionModel().select(row.getItem().tab());
                }
            });
            return row;
        });
        return t;
    }

    private static TableColumn<BoardTab, String> column(String title, Function<BoardTab, ObservableValue<String>> value) {
        TableColumn<BoardTab, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> value.apply(cell.getValue()));
        return c;
    }

    /** Window closing: every board's procedure and link. */
    public void shutdown() {
        ports.stop();
        open.forEach(BoardTab::shutdown);
    }
}
