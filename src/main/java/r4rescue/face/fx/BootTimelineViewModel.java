package r4rescue.face.fx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import r4rescue.console.Console;
import r4rescue.console.Subscription;
import r4rescue.console.bootlog.BootDiagnosis;
import r4rescue.console.bootlog.BootLogFeed;
import r4rescue.console.bootlog.BootLogObserver;
import r4rescue.console.bootlog.EvidenceLocator;
import r4rescue.console.bootlog.Finding;
import r4rescue.console.bootlog.FixCatalog;
import r4rescue.console.bootlog.Stage;
import r4rescue.console.bootlog.TimelineSegment;
import r4rescue.util.Texts;

/**
 * State of the boot timeline and the diagnosis card, without controls. {@link #attach} a session's
 * console: a {@link BootLogFeed} reads it on its own thread, and its snapshots reach these
 * properties on the FX thread, coalesced (at most one pending {@code runLater}, always the newest
 * snapshot). A new power-on or a restart the board announces starts a new boot in the observer,
 * so the timeline starts over; the earlier boots stay reachable by number ({@link #showBoot}),
 * each with its own diagnosis, and none of their stages runs any more.
 *
 * <p>The wizard starts fixes through {@link #onFixProperty()}: it receives the fix id of the
 * finding on the card ("sd-rescue", "reflash-fip", ...; see {@link FixCatalog}).
 */
public final class BootTimelineViewModel {

    private final ConsoleViewModel console;
    private final LongSupplier clock;
    private final long idleMs;
    private final long tickMs;
    private final ObservableList<TimelineSegment> segments = FXCollections.observableArrayList(empty());
    private final ReadOnlyObjectWrapper<BootDiagnosis> diagnosis = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Finding> finding = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper bootDevice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper versions = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(Texts.t("fx.timeline.status.notConnected"));
    private final ReadOnlyLongWrapper sinceBoot = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Integer> boots = FXCollections.observableArrayList();
    private final ObservableList<Integer> bootsView = FXCollections.unmodifiableObservableList(boots);
    private final ReadOnlyIntegerWrapper shownBoot = new ReadOnlyIntegerWrapper(0);
    /** The latest snapshot: the current boot, and the earlier ones kept whole (oldest first). */
    private BootDiagnosis latest;
    private List<BootDiagnosis> earlier = List.of();
    private long latestSince = -1;
    private final ObjectProperty<Consumer<String>> onFix = new SimpleObjectProperty<>();
    private final AtomicReference<Update> pending = new AtomicReference<>();
    private volatile Session session;

    private record Update(Session session, BootDiagnosis diagnosis, List<BootDiagnosis> earlier, long sinceBootMs) {
    }

    /** One attached console: its feed and subscription. */
    private final class Session implements AutoCloseable {
        final BootLogFeed feed;
        Subscription subscription;

        Session(BootLogFeed feed) {
            this.feed = feed;
        }

        @Override
        public void close() {
            if (subscription != null) {
                subscription.close();
            }
            feed.close();
            Platform.runLater(() -> {
                if (session == this) {
                    live.set(false);
                    if (diagnosis.get() == null || diagnosis.get().lines() == 0) {
                        status.set(Texts.t("fx.timeline.status.notConnected"));
                    }
                }
            });
        }
    }

    public BootTimelineViewModel(ConsoleViewModel console) {
        this(console, System::currentTimeMillis, BootLogFeed.DEFAULT_IDLE_MS, BootLogFeed.DEFAULT_TICK_MS);
    }

    /** With a clock of the caller's (tests move time on to reach silence and hang verdicts). */
    public BootTimelineViewModel(ConsoleViewModel console, LongSupplier clock, long idleMs, long tickMs) {
        this.console = console;
        this.clock = clock;
        this.idleMs = idleMs;
        this.tickMs = tickMs;
    }

    /**
     * Starts reading {@code c} (any thread; call before the console is opened to see its first
     * byte). The timeline starts over. Close the result to stop reading.
     */
    public AutoCloseable attach(Console c) {
        BootLogFeed feed = new BootLogFeed(new BootLogObserver(), clock, () -> console.model().endSeq() - 1, idleMs, tickMs);
        feed.setCaptureBaud(() -> c.link().baud());
        Session s = new Session(feed);
        session = s;
        Platform.runLater(() -> { // posted before any update of this session, so it runs first
            if (session == s) {
                reset();
                live.set(true);
            }
        });
        // the listener runs under the feed's lock, so the observer may be read here
        feed.setListener((d, since) -> offer(new Update(s, d, feed.observer().earlierBoots(), since)));
        s.subscription = c.subscribe("bootlog", feed);
        feed.start();
        return s;
    }

    private void offer(Update u) {
        if (pending.getAndSet(u) == null) {
            Platform.runLater(this::apply);
        }
    }

    private void apply() {
        Update u = pending.getAndSet(null);
        if (u == null || u.session() != session) {
            return;
        }
        update(u.diagnosis(), u.earlier(), u.sinceBootMs());
    }

    /**
     * Takes a snapshot (FX thread): the current boot {@code d}, the earlier boots kept whole, the
     * time since the current boot's power-on. The boot shown stays the user's pick unless it was
     * the newest, which is then followed to the new boot.
     */
    void update(BootDiagnosis d, List<BootDiagnosis> earlierBoots, long sinceBootMs) {
        int newest = d.previousBoots().size() + 1;
        boolean following = latest == null || shownBoot.get() == latest.previousBoots().size() + 1
                || !reachable(shownBoot.get(), newest, earlierBoots.size());
        latest = d;
        earlier = earlierBoots;
        latestSince = sinceBootMs;
        List<Integer> numbers = new java.util.ArrayList<>();
        for (int n = newest - earlierBoots.size(); n <= newest; n++) {
            numbers.add(n);
        }
        if (!numbers.equals(boots)) {
            boots.setAll(numbers);
        }
        shownBoot.set(following ? newest : shownBoot.get());
        display();
    }

    private static boolean reachable(int n, int newest, int kept) {
        return n <= newest && n >= newest - kept;
    }

    /**
     * Shows boot number {@code n} (1 = the first in this session) on the timeline and the card:
     * false if it is no longer kept. Showing the newest follows new boots again.
     */
    public boolean showBoot(int n) {
        if (latest == null || !reachable(n, latest.previousBoots().size() + 1, earlier.size())) {
            return false;
        }
        shownBoot.set(n);
        display();
        return true;
    }

    private void display() {
        int newest = latest.previousBoots().size() + 1;
        int n = shownBoot.get();
        boolean current = n == newest;
        BootDiagnosis d = current ? latest : earlier.get(earlier.size() - (newest - n));
        diagnosis.set(d);
        List<TimelineSegment> t = d.timeline();
        for (int i = 0; i < t.size(); i++) {
            TimelineSegment seg = current ? t.get(i) : t.get(i).ended();
            if (!seg.equals(segments.get(i))) {
                segments.set(i, seg);
            }
        }
        sinceBoot.set(current ? latestSince : -1);
        bootDevice.set(d.bootDevice() == null ? "" : d.bootDevice());
        versions.set(versionsText(d.versions()));
        Finding f = d.failure();
        if (f == null ? finding.get() != null : !f.equals(finding.get())) {
            finding.set(f);
        }
        if (!current) {
            status.set(earlierStatus(n, d));
        } else if (d.lastStage() == Stage.NONE && newest > 1) {
            status.set(Texts.t("window.boot.restarting"));
        } else {
            status.set(statusText(d, latestSince));
        }
    }

    /** What an earlier boot came to, said in the past: a restart ended it. */
    static String earlierStatus(int n, BootDiagnosis d) {
        String stage = stageName(d.lastStage());
        return switch (d.outcome()) {
            case COMPLETE -> Texts.t("window.boot.earlier.complete", n);
            case FAILED -> Texts.t("window.boot.earlier.failed", n, stage);
            case WAITING -> Texts.t("window.boot.earlier.waiting", n);
            default -> Texts.t("window.boot.earlier.ended", n, stage);
        };
    }

    private void reset() {
        latest = null;
        earlier = List.of();
        latestSince = -1;
        boots.clear();
        shownBoot.set(0);
        segments.setAll(empty());
        diagnosis.set(null);
        finding.set(null);
        bootDevice.set("");
        versions.set("");
        sinceBoot.set(-1);
        status.set(Texts.t("fx.timeline.status.listening"));
    }

    private static List<TimelineSegment> empty() {
        return new BootDiagnosis(BootDiagnosis.Outcome.UNRECOGNISED, Stage.NONE, List.of(), null, Map.of(), null,
                false, null, List.of(), List.of(), false, false, false, 0).timeline();
    }

    static String versionsText(Map<String, String> v) {
        StringBuilder sb = new StringBuilder();
        v.forEach((k, val) -> sb.append(sb.length() == 0 ? "" : "\n").append(k).append(": ").append(val));
        return sb.toString();
    }

    private static String statusText(BootDiagnosis d, long since) {
        String at = since < 0 ? "" : " \u2014 " + seconds(since);
        String booted = d.stages().isEmpty() ? Texts.t("fx.timeline.status.booted")
                : Texts.t("fx.timeline.status.bootedAfter", seconds(d.stages().get(d.stages().size() - 1).sinceBootMs()));
        return switch (d.outcome()) {
            case COMPLETE -> booted + (d.shellPrompt() ? Texts.t("fx.timeline.status.shellReady") : "");
            case FAILED -> Texts.t("fx.timeline.status.stoppedIn", stageName(d.lastStage()));
            case WAITING -> d.bootMenu() && !d.ubootPrompt() ? Texts.t("fx.timeline.status.bootMenu") : Texts.t("fx.timeline.status.prompt");
            case SILENT -> Texts.t("fx.timeline.status.silent");
            case NOISE -> Texts.t("fx.timeline.status.noise");
            case UNRECOGNISED -> d.lastStage() == Stage.NONE
                    ? (d.lines() == 0 ? Texts.t("fx.timeline.status.listening") : Texts.t("fx.timeline.status.receiving"))
                    : Texts.t("fx.timeline.status.booting", stageName(d.lastStage())) + at;
        };
    }

    /** The stage's name as the timeline shows it. */
    public static String stageName(Stage s) {
        return switch (s) {
            case NONE -> Texts.t("fx.timeline.stage.none");
            case BOOTROM -> "Boot ROM";
            case BL2 -> "BL2";
            case BL31 -> "BL31";
            case UBOOT -> "U-Boot";
            case KERNEL -> "Linux";
            case USERSPACE -> Texts.t("fx.timeline.stage.userspace");
        };
    }

    static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    // ---- the evidence and the fix

    /**
     * Shows the finding's evidence line in the console (scrolls to it and selects it); false if
     * the line is no longer in the scrollback or there is none (a silent board).
     */
    public boolean revealEvidence(Finding f) {
        if (f == null || f.line() <= 0 || f.text() == null) {
            return false;
        }
        Session s = session;
        long hint = s == null ? -1 : s.feed.consoleSeqHint(f.line());
        long seq = EvidenceLocator.locate(console.model(), f.text(), hint);
        return seq >= 0 && console.revealLine(seq);
    }

    /**
     * Starts the fix of the finding on the card: hands its id to {@link #onFixProperty()}; false
     * when nothing is set to receive it (the card then explains the fix instead).
     */
    public boolean startFix(Finding f) {
        Consumer<String> c = onFix.get();
        if (f == null || f.fix() == null || c == null) {
            return false;
        }
        c.accept(f.fix());
        return true;
    }

    // ---- properties

    /** Receives the fix id when the user presses the card's fix button (null: the card explains the fix). */
    public ObjectProperty<Consumer<String>> onFixProperty() {
        return onFix;
    }

    /** One segment per stage (Boot ROM … Userspace), always six. */
    public ObservableList<TimelineSegment> segments() {
        return segments;
    }

    public ReadOnlyObjectProperty<BootDiagnosis> diagnosisProperty() {
        return diagnosis.getReadOnlyProperty();
    }

    /** The finding the diagnosis card shows, or null (no failure: no card). */
    public ReadOnlyObjectProperty<Finding> findingProperty() {
        return finding.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bootDeviceProperty() {
        return bootDevice.getReadOnlyProperty();
    }

    /** Versions seen, one "name: version" per line. */
    public ReadOnlyStringProperty versionsProperty() {
        return versions.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Time since the current boot's power-on at the latest update, -1 before any boot. */
    public ReadOnlyLongProperty sinceBootProperty() {
        return sinceBoot.getReadOnlyProperty();
    }

    /** The numbers of the boots that can be shown (1 = the session's first), oldest first; empty before any line. */
    public ObservableList<Integer> boots() {
        return bootsView;
    }

    /** The number of the boot the timeline and the card show (0 before any line). */
    public ReadOnlyIntegerProperty shownBootProperty() {
        return shownBoot.getReadOnlyProperty();
    }

    /** True while a console is attached. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }
}
