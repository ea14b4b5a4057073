package r4rescue.face.fx.wizard;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import r4rescue.board.BoardProfile;
import r4rescue.link.BenchControls;
import r4rescue.util.Texts;

/**
 * Demo mode's bench: the board's power, its SW3 levers (click to flip) and its SD slot (insert
 * OpenWrt's rescue card, or take it out), where the real board wants hands. Shown only for a link
 * that offers {@link BenchControls} (the simulated board).
 */
public final class BenchPanel extends TitledPane {

    private final ExecutorService hands = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-hands");
        t.setDaemon(true);
        return t;
    });
    private final Label power = new Label();
    private final Label slot = new Label();
    private final Button powerButton = new Button();
    private final Button sdButton = new Button();
    /** Polls the bench's state while one is shown. */
    private final Timeline poll = new Timeline(new KeyFrame(Duration.millis(250), e -> refresh()));
    private DipSwitchView dip;
    private final BoardProfile profile;
    private BenchControls board;
    private boolean syncing;

    /** Starts hidden and empty: its content is made when a bench first appears (not at start-up). */
    /** @param profile the board whose switch the bench draws */
    public BenchPanel(BoardProfile profile) {
        this.profile = profile;
        setText(Texts.t("fx.bench.panel.title"));
        setId("benchPanel");
        setAnimated(false);
        getStyleClass().add("bench-panel");
        poll.setCycleCount(Timeline.INDEFINITE);
        setControls(null);
    }

    private void build() {
        dip = new DipSwitchView(profile, "benchDip", true, 0.6);
        powerButton.setId("benchPower");
        powerButton.setOnAction(e -> togglePower());
        Button cycle = new Button("\u21bb " + Texts.t("fx.bench.panel.cycle"));
        cycle.setId("benchCycle");
        cycle.setOnAction(e -> act(() -> board.powerCycle()));
        sdButton.setId("benchSd");
        sdButton.setOnAction(e -> toggleSd());
        power.setId("benchPowerState");
        slot.setId("benchSlotState");
        power.getStyleClass().add(Styles.TEXT_SMALL);
        slot.getStyleClass().add(Styles.TEXT_SMALL);

        for (int i = 0; i < dip.levers().size(); i++) {
            dip.lever(i).addListener(o -> pushDip());
        }

        for (Button b : new Button[] {powerButton, cycle, sdButton}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.getStyleClass().add(Styles.SMALL);
        }
        VBox powerBox = new VBox(4, powerButton, cycle, power);
        VBox sdBox = new VBox(4, sdButton, slot);
        // wraps in a narrow wizard (1024 px window, 200 %) instead of cutting the switch caption short
        FlowPane row = new FlowPane(14, 8, powerBox, dip, sdBox);
        row.setAlignment(Pos.TOP_LEFT);
        row.setPadding(new Insets(4, 6, 4, 6));
        setContent(row);
    }

    /** Shows bench {@code b}, or hides the panel for a real board (null). */
    public void setControls(BenchControls b) {
        board = b;
        setVisible(b != null);
        setManaged(b != null);
        if (b == null) {
            poll.stop();
            return;
        }
        if (dip == null) {
            build();
        }
        poll.play();
        refresh();
    }

    private void refresh() {
        BenchControls b = board;
        if (b == null) {
            return;
        }
        syncing = true;
        dip.setLevers(b.switches().stream().map(down -> down ? 1 : 0).toList());
        syncing = false;
        boolean on = b.powered();
        powerButton.setText(on ? Texts.t("fx.bench.panel.powerOff") : Texts.t("fx.bench.panel.powerOn"));
        power.setText(on ? Texts.t("fx.bench.panel.on", b.stage()) : Texts.t("fx.bench.panel.off"));
        boolean in = b.sdInserted();
        sdButton.setText(in ? Texts.t("fx.bench.panel.sdOut") : Texts.t("fx.bench.panel.sdIn"));
        slot.setText(in ? Texts.t("fx.bench.panel.slotIn") : Texts.t("fx.bench.panel.slotEmpty"));
    }

    private void pushDip() {
        if (!syncing && board != null) {
            board.setSwitches(dip.levers().stream().map(v -> v == 1).toList());
        }
    }

    private void togglePower() {
        BenchControls b = board;
        act(() -> {
            if (b.powered()) {
                b.powerOff();
            } else {
                b.powerOn();
            }
        });
    }

    private void toggleSd() {
        BenchControls b = board;
        act(() -> {
            if (b.sdInserted()) {
                b.removeSd();
            } else {
                b.insertSd();
            }
        });
    }

    private void act(Runnable r) {
        if (board != null) {
            hands.execute(() -> {
                r.run();
                Platform.runLater(this::refresh);
            });
        }
    }
}
