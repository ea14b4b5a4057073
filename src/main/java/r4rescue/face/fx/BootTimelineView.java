package r4rescue.face.fx;

import java.util.ArrayList;
import java.util.List;

import javafx.animation.Animation;
import javafx.animation.FadeTransition;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import r4rescue.console.bootlog.TimelineSegment;
import r4rescue.util.Texts;

/**
 * The boot timeline: one segment per stage of the chain with the time since power-on at which it
 * began; green once passed, red where the chain stopped, the running stage pulsing, grey for
 * stages not reached. Below: the verdict so far, the boot device and the versions (all of them in
 * the tooltip).
 */
public final class BootTimelineView extends VBox {

    private static final PseudoClass PASSED = PseudoClass.getPseudoClass("passed");
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
    private static final PseudoClass INTERRUPTED = PseudoClass.getPseudoClass("interrupted");

    private final BootTimelineViewModel vm;
    private final List<Segment> segments = new ArrayList<>();
    private final FadeTransition pulse = new FadeTransition(Duration.millis(700));

    /** One stage's box. */
    private static final class Segment extends VBox {
        final Label name = new Label();
        final Label time = new Label();
        final StringProperty tip = new SimpleStringProperty("");

        Segment() {
            super(0);
            getStyleClass().add("timeline-segment");
            name.getStyleClass().add("timeline-stage");
            time.getStyleClass().add("timeline-time");
            getChildren().addAll(name, time);
            setAlignment(Pos.CENTER_LEFT);
            // as wide as its words at least ("Userspace" whole in a 960 px window); the spare width is shared
            setMinWidth(Region.USE_PREF_SIZE);
            setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(this, Priority.ALWAYS);
            Tips.install(this, tip);
            setAccessibleRole(AccessibleRole.TEXT);
        }
    }

    public BootTimelineView(BootTimelineViewModel vm) {
        this.vm = vm;
        setId("bootTimeline");
        getStyleClass().add("boot-timeline");
        setSpacing(4);
        setAccessibleRole(AccessibleRole.TEXT);
        setAccessibleText(Texts.t("window.timeline.name"));

        HBox row = new HBox(3);
        row.setId("timelineSegments");
        for (int i = 0; i < vm.segments().size(); i++) {
            Segment s = new Segment();
            s.setId("segment-" + vm.segments().get(i).stage());
            segments.add(s);
            row.getChildren().add(s);
        }

        Label status = new Label();
        status.setId("timelineStatus");
        status.getStyleClass().add(Styles.TEXT_BOLD);
        status.textProperty().bind(vm.statusProperty());

        Label device = new Label();
        device.setId("bootDevice");
        device.getStyleClass().add(Styles.TEXT_MUTED);
        StringProperty versionsTip = new SimpleStringProperty(Texts.t("fx.timeline.noVersions"));
        Tips.install(device, versionsTip);
        Runnable showDevice = () -> {
            String d = vm.bootDeviceProperty().get();
            String v = vm.versionsProperty().get();
            device.setText((d.isEmpty() ? "" : Texts.t("fx.timeline.bootDevice", d)) + compactVersions(v, d.isEmpty()));
            versionsTip.set(v.isEmpty() ? Texts.t("fx.timeline.noVersions") : v);
        };
        vm.bootDeviceProperty().addListener((o, a, b) -> showDevice.run());
        vm.versionsProperty().addListener((o, a, b) -> showDevice.run());

        // the device and versions go to a line of their own when the verdict leaves them too little room
        FlowPane info = new FlowPane(12, 2, new BootSwitcher(vm), status, device);
        info.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(row, info);

        pulse.setFromValue(1.0);
        pulse.setToValue(0.55);
        pulse.setAutoReverse(true);
        pulse.setCycleCount(Animation.INDEFINITE);

        vm.segments().addListener((ListChangeListener<TimelineSegment>) c -> redraw());
        vm.sinceBootProperty().addListener((o, a, b) -> redraw());
        vm.liveProperty().addListener((o, a, b) -> redraw());
        redraw();
    }

    /** "U-Boot 2024.10 · Linux 6.6.86": the versions a user recognises, short. */
    private static String compactVersions(String versions, boolean first) {
        StringBuilder sb = new StringBuilder();
        for (String line : versions.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2).split("[ \\-(]")[0];
            String name = switch (key) {
                case "u-boot" -> "U-Boot";
                case "kernel" -> "Linux";
                case "tf-a-bl2" -> "TF-A";
                default -> null;
            };
            if (name != null && !value.isEmpty()) {
                sb.append(sb.length() == 0 && first ? "" : " \u00b7 ").append(name).append(' ').append(value);
            }
        }
        return sb.toString();
    }

    private void redraw() {
        Segment running = null;
        for (int i = 0; i < segments.size(); i++) {
            TimelineSegment t = vm.segments().get(i);
            Segment s = segments.get(i);
            String name = BootTimelineViewModel.stageName(t.stage());
            s.name.setText(name);
            s.pseudoClassStateChanged(PASSED, t.state() == TimelineSegment.State.PASSED);
            s.pseudoClassStateChanged(CURRENT, t.state() == TimelineSegment.State.CURRENT);
            s.pseudoClassStateChanged(FAILED, t.state() == TimelineSegment.State.FAILED);
            s.pseudoClassStateChanged(PENDING, t.state() == TimelineSegment.State.PENDING);
            s.pseudoClassStateChanged(INTERRUPTED, t.state() == TimelineSegment.State.INTERRUPTED);
            s.setAccessibleText(TimelineWords.segment(name, t));
            s.time.setText(timeText(t));
            s.tip.set(tipText(name, t));
            if (t.state() == TimelineSegment.State.CURRENT) {
                running = s;
            }
        }
        Segment target = vm.liveProperty().get() ? running : null;
        if (pulse.getNode() != target) {
            pulse.stop();
            if (pulse.getNode() != null) {
                pulse.getNode().setOpacity(1);
            }
            pulse.setNode(target);
            if (target != null) {
                pulse.playFromStart();
            }
        }
    }

    private String timeText(TimelineSegment t) {
        String at = BootTimelineViewModel.seconds(t.startMs());
        return switch (t.state()) {
            case PENDING -> "\u2014";
            case PASSED -> at;
            case FAILED -> at + " \u00b7 " + Texts.t("fx.timeline.stopped");
            case INTERRUPTED -> Texts.t("window.segment.interrupted.time", at);
            case CURRENT -> {
                long since = vm.sinceBootProperty().get();
                yield since >= t.startMs() && vm.liveProperty().get()
                        ? at + " \u00b7 " + BootTimelineViewModel.seconds(since - t.startMs()) : at;
            }
        };
    }

    private static String tipText(String name, TimelineSegment t) {
        if (t.state() == TimelineSegment.State.PENDING) {
            return Texts.t("fx.timeline.tip.notReached", name);
        }
        String s = Texts.t("fx.timeline.tip.began", name, BootTimelineViewModel.seconds(t.startMs()), t.line());
        if (t.durationMs() >= 0) {
            s += Texts.t("fx.timeline.tip.took", BootTimelineViewModel.seconds(t.durationMs()));
        }
        return switch (t.state()) {
            case FAILED -> s + Texts.t("fx.timeline.tip.stoppedHere");
            case CURRENT -> s + Texts.t("fx.timeline.tip.running");
            case INTERRUPTED -> s + ". " + Texts.t("window.segment.interrupted.tip");
            default -> s + Texts.t("fx.timeline.tip.end");
        };
    }
}
