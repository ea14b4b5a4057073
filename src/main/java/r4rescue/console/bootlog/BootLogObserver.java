package r4rescue.console.bootlog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;

import r4rescue.util.Message;

/**
 * Reads the console line by line (live or from a saved log) and tells where the boot chain is,
 * what it saw, and where and why it stopped. Fed from one thread; never throws on any input
 * (a failing listener is the listener's problem and is skipped); bounded work per line: one
 * literal scan, regexes only for anchors/signatures whose literal is present, lines cut at
 * {@code maxLineChars}.
 */
public final class BootLogObserver {

    private static final double NOISE_RATIO = 0.2;
    private static final int NOISE_MIN_CHARS = 8;
    private static final int NOISE_LIVE_CHARS = 64;
    private static final int LOOP_BOOTS = 3;
    /** Earlier boots kept whole (a watchdog loop may run for hours; their summaries stay in {@code previous}). */
    static final int EARLIER_KEPT = 16;

    private final BootLogData data;
    private final LineCleaner cleaner;
    private final List<BootLogListener> listeners = new CopyOnWriteArrayList<>();
    private final int[] hits;
    private final boolean[] scratch;
    private final long[] sigLine;

    private Boot boot;
    private final List<BootDiagnosis.PreviousBoot> previous = new ArrayList<>();
    private final java.util.ArrayDeque<BootDiagnosis> earlier = new java.util.ArrayDeque<>();
    private int incompleteInARow;
    private long lineNo;
    private long lastLineTime;
    private long startTime = Long.MIN_VALUE;
    private long textChars;
    private long garbageChars;
    private boolean silentReported;
    private boolean noiseReported;
    private java.util.function.Supplier<Message> noiseExplainer = () -> null;
    /** What the explainer said when live noise was first seen (computed once: it is not cheap). */
    private Message noiseNote;
    private boolean hangReported;

    public BootLogObserver() {
        this(BootLogData.standard());
    }

    public BootLogObserver(BootLogData data) {
        this.data = data;
        this.cleaner = new LineCleaner(data.maxLineChars);
        this.hits = new int[data.matcher.size()];
        this.scratch = new boolean[data.matcher.size()];
        this.sigLine = new long[data.signatures.size()];
        this.boot = new Boot(data.signatures.size());
    }

    public void addListener(BootLogListener l) {
        listeners.add(l);
    }

    public void removeListener(BootLogListener l) {
        listeners.remove(l);
    }

    /** Marks when listening began, for the silent-board check of {@link #tick}. */
    public void start(long nowMillis) {
        startTime = nowMillis;
    }

    /** Feeds one line (without or with its line ending) received at {@code timeMillis}. */
    public void accept(String rawLine, long timeMillis) {
        try {
            line(rawLine == null ? "" : rawLine, timeMillis);
        } catch (RuntimeException e) {
            // Never let one odd line stop the observer; the line is simply not interpreted.
        }
    }

    private void line(String rawLine, long t) {
        lineNo++;
        lastLineTime = t;
        if (startTime == Long.MIN_VALUE) {
            startTime = t;
        }
        if (hangReported) {
            hangReported = false;
            if (boot.failureIsHang) {
                boot.failure = null;
                boot.failureRank = 0;
                boot.failureIsHang = false;
            }
        }
        String line = cleaner.clean(rawLine);
        garbageChars += cleaner.lastGarbage();
        textChars += line.length() + (long) cleaner.lastGarbage();
        if (boot.firstLineTime == Long.MIN_VALUE) {
            boot.firstLineTime = t;
        }
        if (!line.isEmpty()) {
            boot.lastLine = lineNo;
            boot.lastText = line;
            interpret(line, t);
        }
        if (!noiseReported && boot.stage == Stage.NONE && previous.isEmpty() && textChars >= NOISE_LIVE_CHARS
                && garbageChars > NOISE_RATIO * textChars) {
            noiseReported = true;
            noiseNote = explainNoise();
            Finding f = Finding.of(data.stopRule(StopRule.When.NOISE), Stage.NONE, lineNo, line, noiseNote);
            emit(BootEvent.Kind.FAILURE, Stage.NONE, null, null, line, t, f);
        }
    }

    /**
     * Who can say more about live noise (the feed, which has the raw bytes and the link's baud:
     * which rate fits); its words become the noise finding's detail.
     */
    public void setNoiseExplainer(java.util.function.Supplier<Message> explainer) {
        noiseExplainer = explainer == null ? () -> null : explainer;
    }

    private Message explainNoise() {
        try {
            return noiseExplainer.get();
        } catch (RuntimeException e) {
            return null; // an explanation is a bonus; the noise verdict stands without it
        }
    }

    private void interpret(String line, long t) {
        int n = data.matcher.find(line, hits, scratch);
        if (n == 0) {
            return;
        }
        boolean benign = false;
        for (int i = 0; i < n; i++) {
            Object o = data.owners[hits[i]];
            if (o instanceof String) {
                benign = true;
            } else if (o instanceof Anchor a && a.kind() == Anchor.Kind.POWER_ON) {
                newBoot(line, t);
            } else if (o instanceof Anchor a && a.kind() == Anchor.Kind.RESET) {
                endBoot();
                return;
            } else if (o instanceof Anchor a && a.kind() == Anchor.Kind.RAM_BOOT && sentOverSerial(a, line)) {
                endBoot();
                boot.firstLineTime = t;
                boot.powerOnLine = lineNo;
            }
        }
        for (int i = 0; i < n; i++) {
            Object o = data.owners[hits[i]];
            if (o instanceof Anchor a) {
                if (a.kind() != Anchor.Kind.POWER_ON && a.kind() != Anchor.Kind.RESET) {
                    anchor(a, line, t);
                }
            } else if (o instanceof Signature s && !benign) {
                int idx = data.signatureOf[hits[i]];
                if (sigLine[idx] != lineNo) {
                    sigLine[idx] = lineNo;
                    signature(s, idx, line, t);
                }
            }
        }
    }

    /** A RAM BL2 after its Boot ROM is over (halted, or already past BL2): the host started it anew. */
    private boolean sentOverSerial(Anchor a, String line) {
        return (boot.stage != Stage.BOOTROM || boot.failure != null)
                && (a.regex() == null || a.regex().matcher(line).find());
    }

    private void newBoot(String line, long t) {
        endBoot();
        boot = new Boot(data.signatures.size()); // also when the lines before were nothing of a boot
        boot.firstLineTime = t;
        boot.powerOnTime = t;
        boot.powerOnLine = lineNo;
        hangReported = false;
        emit(BootEvent.Kind.POWER_ON, Stage.BOOTROM, null, null, line, t, null);
        advance(Stage.BOOTROM, line, t);
        if (incompleteInARow >= LOOP_BOOTS - 1) {
            Finding f = Finding.of(data.stopRule(StopRule.When.RESET_LOOP), Stage.BOOTROM, lineNo, line,
                    Message.of("diag.detail.reset-loop-live", previous.size() + 1, incompleteInARow));
            emit(BootEvent.Kind.RESET_LOOP, Stage.BOOTROM, null, null, line, t, f);
        }
    }

    /**
     * The current boot is over (a power-on or a reset line): it is kept, judged as ended, and the
     * lines that follow belong to a new boot, which has no stage until its first anchor.
     */
    private void endBoot() {
        if (boot.stage == Stage.NONE && boot.failure == null) {
            return;
        }
        earlier.addLast(diagnosis(true));
        if (earlier.size() > EARLIER_KEPT) {
            earlier.removeFirst();
        }
        boolean complete = boot.stage == Stage.USERSPACE && boot.failure == null;
        Finding f = boot.failure != null ? boot.failure : stopFinding(boot);
        previous.add(new BootDiagnosis.PreviousBoot(boot.stage, boot.powerOnLine, f == null ? null : f.id()));
        incompleteInARow = complete ? 0 : incompleteInARow + 1;
        boot = new Boot(data.signatures.size());
        hangReported = false;
    }

    /**
     * The whole diagnosis of each earlier boot in this log, judged as ended, oldest first: the
     * last {@value #EARLIER_KEPT} of them (the boot numbered {@code previousBoots().size()} is the
     * last in this list).
     */
    public List<BootDiagnosis> earlierBoots() {
        return List.copyOf(earlier);
    }

    private void anchor(Anchor a, String line, long t) {
        if (a.before() != null && !boot.stage.isBefore(a.before())) {
            return;
        }
        String value = a.value();
        if (a.regex() != null) {
            Matcher m = a.regex().matcher(line);
            if (!m.find()) {
                return;
            }
            if (m.groupCount() >= 1 && m.group(1) != null) {
                value = m.group(1).replaceAll("\\s+", " ").trim();
            }
        }
        advance(a.stage(), line, t);
        if (a.key() != null) {
            boot.seen.add(a.key());
        }
        boot.lastKind = a.kind();
        switch (a.kind()) {
            case BOOT_DEVICE -> {
                if (boot.bootDevice == null || boot.bootDeviceWeak && !a.weak()) {
                    boot.bootDevice = value;
                    boot.bootDeviceWeak = a.weak();
                    emit(BootEvent.Kind.BOOT_DEVICE, a.stage(), null, value, line, t, null);
                }
            }
            case VERSION -> {
                if (value != null && !value.isEmpty() && !value.equals(boot.versions.get(a.key()))) {
                    boot.versions.put(a.key(), value);
                    emit(BootEvent.Kind.VERSION, a.stage(), a.key(), value, line, t, null);
                }
            }
            case ROOT_DEVICE -> {
                boot.rootDevice = value;
                emit(BootEvent.Kind.ROOT_DEVICE, a.stage(), null, value, line, t, null);
            }
            case ROOT_MOUNTED -> {
                if (!boot.rootMounted) {
                    boot.rootMounted = true;
                    emit(BootEvent.Kind.ROOT_MOUNTED, a.stage(), null, boot.rootDevice, line, t, null);
                }
            }
            case BOOT_MENU -> {
                boot.bootMenu = true;
                emit(BootEvent.Kind.BOOT_MENU, a.stage(), null, null, line, t, null);
            }
            case AUTOBOOT -> emit(BootEvent.Kind.AUTOBOOT, a.stage(), null, null, line, t, null);
            case UBOOT_PROMPT -> {
                boot.ubootPrompt = true;
                emit(BootEvent.Kind.UBOOT_PROMPT, a.stage(), null, a.contains().trim(), line, t, null);
            }
            case SHELL_PROMPT -> {
                boot.shellPrompt = true;
                emit(BootEvent.Kind.SHELL_PROMPT, a.stage(), null, null, line, t, null);
            }
            case MARK -> emit(BootEvent.Kind.MARK, a.stage(), a.key(), null, line, t, null);
            default -> {
                // STAGE: advance() above did the work
            }
        }
    }

    private void signature(Signature s, int idx, String line, long t) {
        if (!s.stages().isEmpty() && !s.stages().contains(boot.stage)) {
            return;
        }
        if (s.pattern() != null && !s.pattern().matcher(line).find()) {
            return;
        }
        if (++boot.sigCount[idx] < s.minCount()) {
            return;
        }
        advance(s.stage(), line, t);
        Finding f = Finding.of(s, lineNo, line);
        emit(BootEvent.Kind.SIGNATURE, s.stage(), s.id(), null, line, t, f);
        switch (s.severity()) {
            case FATAL -> {
                if (boot.failure == null || boot.failureIsHang || s.rank() > boot.failureRank) {
                    boot.failure = f;
                    boot.failureRank = s.rank();
                    boot.failureIsHang = false;
                    emit(BootEvent.Kind.FAILURE, s.stage(), s.id(), null, line, t, f);
                }
            }
            case WARNING -> {
                if (boot.warnings.stream().noneMatch(w -> w.id().equals(s.id()))) {
                    boot.warnings.add(f);
                }
            }
            case EVIDENCE -> {
                if (boot.evidence.stream().noneMatch(w -> w.id().equals(s.id()))) {
                    boot.evidence.add(f);
                    boot.evidenceSigs.add(s);
                }
            }
        }
    }

    private void advance(Stage stage, String line, long t) {
        if (stage == null || !boot.stage.isBefore(stage)) {
            return;
        }
        boot.stage = stage;
        long since = t - boot.powerOnOrFirst();
        boot.marks.add(new StageMark(stage, lineNo, line, since));
        emit(BootEvent.Kind.STAGE, stage, null, null, line, t, null);
    }

    /**
     * Live checks: a silent board, and a hang (the current stage quiet for longer than it
     * normally takes). Each is reported once, as a FAILURE event; a new line retracts a hang.
     */
    public void tick(long nowMillis) {
        try {
            if (startTime == Long.MIN_VALUE) {
                startTime = nowMillis;
            }
            if (lineNo == 0 || textChars == 0) {
                if (!silentReported && nowMillis - startTime >= data.silentAfterMs) {
                    silentReported = true;
                    Finding f = Finding.of(data.stopRule(StopRule.When.SILENT), Stage.NONE, 0, null,
                            Message.of("diag.detail.silent", seconds(nowMillis - startTime)));
                    emit(BootEvent.Kind.FAILURE, Stage.NONE, f.id(), null, null, nowMillis, f);
                }
                return;
            }
            if (hangReported || boot.failure != null || boot.stage == Stage.NONE || waiting(boot)) {
                return;
            }
            long quiet = nowMillis - lastLineTime;
            Finding f = stopFinding(boot);
            if (f == null || quiet < hangAfter(f)) {
                return;
            }
            StageTiming timing = data.timing(boot.stage);
            Message detail = timing == null ? Message.of("diag.detail.hang", seconds(quiet), boot.stage)
                    : Message.of("diag.detail.hang-timed", seconds(quiet), boot.stage, seconds(timing.typicalMs()), timing.meaning());
            f = new Finding(f.id(), f.stage(), f.summary(), f.cause(), f.fix(), f.line(), f.text(), detail, f.source(), f.confirmed());
            hangReported = true;
            boot.failure = f;
            boot.failureIsHang = true;
            emit(BootEvent.Kind.FAILURE, boot.stage, f.id(), null, f.text(), nowMillis, f);
        } catch (RuntimeException e) {
            // a tick never fails
        }
    }

    private long hangAfter(Finding f) {
        for (StopRule r : data.stops) {
            if (r.id().equals(f.id()) && r.afterMs() > 0) {
                return r.afterMs();
            }
        }
        StageTiming timing = data.timing(boot.stage);
        return timing == null || timing.hangAfterMs() <= 0 ? Long.MAX_VALUE : timing.hangAfterMs();
    }

    /** The diagnosis so far (live: no stop verdict unless {@link #tick} saw a hang). */
    public BootDiagnosis snapshot() {
        return diagnosis(false);
    }

    /** The diagnosis of a finished log: a boot that did not complete is judged where it stopped. */
    public BootDiagnosis finish() {
        return diagnosis(true);
    }

    private BootDiagnosis diagnosis(boolean ended) {
        Boot b = boot;
        BootDiagnosis.Outcome outcome;
        Finding failure = b.failure;
        boolean anythingRecognised = b.stage != Stage.NONE || !previous.isEmpty();
        if (textChars == 0) {
            outcome = BootDiagnosis.Outcome.SILENT;
            if (ended || silentReported) {
                failure = Finding.of(data.stopRule(StopRule.When.SILENT), Stage.NONE, 0, null, null);
            }
        } else if (failure != null) {
            outcome = BootDiagnosis.Outcome.FAILED;
        } else if (!anythingRecognised && textChars >= NOISE_MIN_CHARS && garbageChars > NOISE_RATIO * textChars) {
            outcome = BootDiagnosis.Outcome.NOISE;
            failure = Finding.of(data.stopRule(StopRule.When.NOISE), Stage.NONE, 1, null, noiseNote == null
                    ? Message.of("diag.detail.noise", garbageChars, textChars)
                    : Message.of("diag.detail.noise-baud", garbageChars, textChars, noiseNote));
        } else if (b.stage == Stage.USERSPACE) {
            outcome = BootDiagnosis.Outcome.COMPLETE;
        } else if (!anythingRecognised) {
            outcome = BootDiagnosis.Outcome.UNRECOGNISED;
        } else if (waiting(b)) {
            outcome = BootDiagnosis.Outcome.WAITING;
        } else if (incompleteInARow >= LOOP_BOOTS - 1 && ended) {
            outcome = BootDiagnosis.Outcome.FAILED;
            failure = Finding.of(data.stopRule(StopRule.When.RESET_LOOP), Stage.BOOTROM, b.powerOnLine, null,
                    Message.of("diag.detail.reset-loop", previous.size() + 1));
        } else if (ended) {
            failure = stopFinding(b);
            outcome = failure == null ? BootDiagnosis.Outcome.UNRECOGNISED : BootDiagnosis.Outcome.FAILED;
        } else {
            outcome = BootDiagnosis.Outcome.UNRECOGNISED;
        }
        return new BootDiagnosis(outcome, b.stage, List.copyOf(b.marks), b.bootDevice, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.versions)),
                b.rootDevice, b.rootMounted, failure, List.copyOf(b.warnings), List.copyOf(previous), b.bootMenu,
                b.ubootPrompt, b.shellPrompt, lineNo);
    }

    private static boolean waiting(Boot b) {
        return b.lastKind == Anchor.Kind.UBOOT_PROMPT || b.lastKind == Anchor.Kind.BOOT_MENU;
    }

    /** Why a boot that went quiet in its current stage stopped: evidence first, then the stop rules. */
    private Finding stopFinding(Boot b) {
        if (b.stage == Stage.USERSPACE || b.stage == Stage.NONE) {
            return null;
        }
        Finding best = null;
        int bestRank = -1;
        for (int i = 0; i < b.evidence.size(); i++) {
            Signature s = b.evidenceSigs.get(i);
            boolean rootOk = s.onlyIfRoot() == null || b.rootDevice != null && s.onlyIfRoot().matcher(b.rootDevice).find();
            if (rootOk && s.stage() == b.stage && s.rank() > bestRank) {
                best = b.evidence.get(i);
                bestRank = s.rank();
            }
        }
        if (best != null) {
            return best;
        }
        for (StopRule r : data.stops) {
            if (r.when() != StopRule.When.STOPPED || r.stage() != b.stage) {
                continue;
            }
            if (r.seen() != null && !b.seen.contains(r.seen())) {
                continue;
            }
            if (r.notSeen().stream().anyMatch(b.seen::contains)) {
                continue;
            }
            return Finding.of(r, b.stage, b.lastLine, b.lastText, null);
        }
        return null;
    }

    private void emit(BootEvent.Kind kind, Stage stage, String key, String value, String text, long t, Finding f) {
        if (listeners.isEmpty()) {
            return;
        }
        long since = boot.firstLineTime == Long.MIN_VALUE ? 0 : t - boot.powerOnOrFirst();
        BootEvent e = new BootEvent(kind, stage, key, value, f != null && f.line() > 0 ? f.line() : lineNo, text, since, f);
        for (BootLogListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                // a broken listener must not stop the others or the observer
            }
        }
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** State of one boot (from one power-on line to the next). */
    private static final class Boot {
        Stage stage = Stage.NONE;
        final List<StageMark> marks = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Map<String, String> versions = new LinkedHashMap<>();
        final List<Finding> warnings = new ArrayList<>();
        final List<Finding> evidence = new ArrayList<>();
        final List<Signature> evidenceSigs = new ArrayList<>();
        final int[] sigCount;
        String bootDevice;
        boolean bootDeviceWeak;
        String rootDevice;
        boolean rootMounted;
        boolean bootMenu;
        boolean ubootPrompt;
        boolean shellPrompt;
        Anchor.Kind lastKind;
        Finding failure;
        int failureRank;
        boolean failureIsHang;
        long powerOnTime = Long.MIN_VALUE;
        long firstLineTime = Long.MIN_VALUE;
        long powerOnLine;
        long lastLine;
        String lastText;

        Boot(int signatures) {
            sigCount = new int[signatures];
        }

        long powerOnOrFirst() {
            return powerOnTime != Long.MIN_VALUE ? powerOnTime : firstLineTime;
        }
    }
}
