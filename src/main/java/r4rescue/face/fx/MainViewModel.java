package r4rescue.face.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import r4rescue.console.Console;
import r4rescue.Version;
import r4rescue.console.RecordingLink;
import r4rescue.console.SessionLog;
import r4rescue.console.SessionSteps;
import r4rescue.console.Subscription;
import r4rescue.link.Link;
import r4rescue.link.LinkException;
import r4rescue.link.LinkState;
import r4rescue.link.Links;
import r4rescue.link.PortInfo;
import r4rescue.util.Texts;

/**
 * State of the main window without its controls: the port list, the chosen port and baud rate,
 * the connection (opened and closed on a background thread), its state in words, and the problem
 * to show in the banner. The wizard reads {@link #consoleProperty()} to talk to the board.
 */
public final class MainViewModel {

    /** Makes a link for a port spec; {@link Links#create} in the program, something else in tests. */
    @FunctionalInterface
    public interface LinkFactory {
        Link create(String spec, int baud) throws IOException;
    }

    /** A problem for the banner: what happened and what to do about it (may be null). */
    /** Something that went wrong, what to do about it, and a shell command that does it (or null). */
    public record Problem(String message, String fix, String command) {
        public Problem(String message, String fix) {
            this(message, fix, null);
        }
    }

    public static final List<Integer> BAUDS = List.of(115200, 921600, 460800, 230400, 57600, 38400, 19200, 9600);

    private final LinkFactory links;
    private final PortWatch portWatch;
    private final Path logDir;
    private final ConsoleViewModel console;
    private final ObservableList<PortInfo> ports = FXCollections.observableArrayList();
    private final StringProperty port = new SimpleStringProperty("");
    /** The port used last time (from the settings), offered first when it is there again. */
    private volatile String preferredPort;
    private final ObjectProperty<Integer> baud = new SimpleObjectProperty<>(115200);
    private final ReadOnlyObjectWrapper<LinkState> state = new ReadOnlyObjectWrapper<>(LinkState.CLOSED);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(Texts.t("fx.main.state.notConnected"));
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    /** The banner a full disk put up (FX thread), taken down again when logging resumes. */
    private Problem logPaused;
    private final ReadOnlyStringWrapper logFile = new ReadOnlyStringWrapper("");
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "link-open-close");
        t.setDaemon(true);
        return t;
    });
    /** Hashes the files the user picks, away from the FX thread and from connecting (an SD image takes seconds). */
    private final ExecutorService hashing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "record-files");
        t.setDaemon(true);
        return t;
    });
    private final List<Function<Console, AutoCloseable>> watchers = new CopyOnWriteArrayList<>();
    private Session session;
    /** The files picked in this window, in order (FX thread only): every session's steps list them. */
    private final Set<Path> picked = new LinkedHashSet<>();

    /** One open connection and what listens to it. */
    private record Session(Console console, Subscription view, Subscription logSub, SessionLog log, SessionSteps steps,
                           List<AutoCloseable> watches) {
    }

    public MainViewModel(LinkFactory links, PortWatch portWatch, Path logDir, int scrollbackLines) {
        this.links = links;
        this.portWatch = portWatch;
        this.logDir = logDir;
        this.console = new ConsoleViewModel(scrollbackLines);
        console.setErrorSink(m -> problem.set(new Problem(m, null)));
    }

    public ConsoleViewModel console() {
        return console;
    }

    public ObservableList<PortInfo> ports() {
        return ports;
    }

    public StringProperty portProperty() {
        return port;
    }

    public ObjectProperty<Integer> baudProperty() {
        return baud;
    }

    public ReadOnlyObjectProperty<LinkState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** True while a connect or disconnect is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True from a successful connect until Disconnect (also while the cable is out). */
    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public void dismissProblem() {
        problem.set(null);
    }

    /** The session's text log file, or "" when none. */
    public ReadOnlyStringProperty logFileProperty() {
        return logFile.getReadOnlyProperty();
    }

    /** The console of the open session, or null: what the wizard talks to the board through. */
    public ReadOnlyObjectProperty<Console> consoleProperty() {
        return console.consoleProperty();
    }

    /**
     * Registers something that reads every session's console from its first byte (the boot
     * timeline): called on the opening thread before the link opens; what it returns is closed
     * with the session.
     */
    public void addSessionWatcher(Function<Console, AutoCloseable> watcher) {
        watchers.add(watcher);
    }

    private java.util.function.Function<Path, java.util.concurrent.CompletableFuture<Void>> folderOpener =
            r4rescue.face.Desktops::openFolder;

    /** Replaces how a folder is shown to the user (tests record instead of starting a file manager). */
    public void setFolderOpener(java.util.function.Function<Path, java.util.concurrent.CompletableFuture<Void>> opener) {
        folderOpener = opener;
    }

    /** Shows the session logs folder in the file manager; a failure shows in the banner. */
    public void openLogsFolder() {
        folderOpener.apply(logDir).exceptionally(e -> {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            Platform.runLater(() -> problem.set(new Problem(Texts.t("fx.main.error.logsFolder", why),
                    Texts.t("fx.main.error.logsFolder.fix", logDir))));
            return null;
        });
    }

    /** Offers {@code spec} first when it is in the port list (or is a simulator or TCP port, never listed as such). */
    public void setPreferredPort(String spec) {
        preferredPort = spec;
    }

    /** Starts following the port list (call once the window is up). */
    public void startPortWatch() {
        portWatch.start(list -> {
            ports.setAll(list);
            if (port.get() == null || port.get().isBlank()) {
                preferred(list, preferredPort).or(() -> defaultPort(list)).ifPresent(port::set);
            }
        });
    }

    /** The last-used port if it can be opened now: a listed port, or a simulator/TCP spec. */
    static java.util.Optional<String> preferred(List<PortInfo> list, String last) {
        if (last == null || last.isBlank()) {
            return java.util.Optional.empty();
        }
        boolean listed = list.stream().anyMatch(p -> p.spec().equals(last));
        return listed || last.startsWith("sim:") || last.startsWith("tcp:")
                ? java.util.Optional.of(last) : java.util.Optional.empty();
    }

    /**
     * The port to offer first: a USB-UART adapter people use on this board, otherwise the
     * simulated board (a built-in serial port such as /dev/ttyS0 is almost never the board).
     */
    static java.util.Optional<String> defaultPort(List<PortInfo> list) {
        return list.stream().filter(PortInfo::likelyAdapter).findFirst()
                .or(() -> list.stream().filter(p -> p.spec().startsWith("sim:")).findFirst())
                .or(() -> list.stream().findFirst())
                .map(PortInfo::spec);
    }

    /** Opens the chosen port on a background thread; the outcome shows in the state and the banner. */
    public void connect() {
        if (busy.get() || connected.get()) {
            return;
        }
        String spec = port.get() == null ? "" : port.get().trim();
        Integer rate = baud.get();
        if (spec.isEmpty()) {
            problem.set(new Problem(Texts.t("fx.main.error.noPort"), Texts.t("fx.main.error.noPort.fix")));
            return;
        }
        problem.set(null);
        busy.set(true);
        stateText.set(Texts.t("fx.main.state.connecting", spec));
        Task<Session> open = new Task<>() {
            @Override
            protected Session call() throws Exception {
                return open(spec, rate == null ? 115200 : rate);
            }
        };
        open.setOnSucceeded(e -> {
            session = open.getValue();
            picked.forEach(f -> recordFile(session, f));
            busy.set(false);
            connected.set(true);
            console.consoleProperty().set(session.console());
            logFile.set(session.log() == null ? "" : session.log().logFile().toString());
            showState(session.console().state(), null);
        });
        open.setOnFailed(e -> {
            busy.set(false);
            connected.set(false);
            Throwable t = open.getException();
            stateText.set(Texts.t("fx.main.state.notConnected"));
            if (t instanceof LinkException le) {
                problem.set(new Problem(le.getMessage(), le.fix(), le.command()));
            } else {
                problem.set(new Problem(Texts.t("fx.main.error.open", spec, t), null));
            }
        });
        io.execute(open);
    }

    /** Runs on the background thread. */
    private Session open(String spec, int rate) throws IOException {
        Link raw = links.create(spec, rate);
        SessionLog log = null;
        SessionSteps steps = null;
        Subscription logSub = null;
        try {
            log = SessionLog.start(logDir, raw.describe());
            // every line the window or its procedures send, beside the log, for the transcript
            steps = SessionSteps.start(log);
            steps.record("start", Map.of("command", "window", "port", raw.describe(), "baud", rate, "version", Version.get()));
            // a full disk pauses the log, never the console: said in the banner, cleared when it resumes
            log.onNote(n -> Platform.runLater(() -> {
                if (!"window.log.resumed".equals(n.key())) {
                    logPaused = new Problem(n.text(), Texts.t("fx.main.error.diskFull.fix", logDir));
                    problem.set(logPaused);
                } else if (problem.get() == logPaused) {
                    problem.set(null);
                }
            }));
        } catch (IOException e) {
            String why = Texts.t("fx.main.error.noLog", e.getMessage());
            Platform.runLater(() -> problem.set(new Problem(why, Texts.t("fx.main.error.noLog.fix", logDir))));
        }
        Link link = steps == null ? raw : new RecordingLink(raw, steps);
        Console c = new Console(link);
        // the name inside the console's own session marker ("— connected to … at 12:00:00 —"), English like it
        console.assembler().startSession(link.describe() + " at " + rate + " baud");
        Subscription view = c.subscribe("view", console.assembler());
        if (log != null) {
            logSub = c.subscribe("log", log);
        }
        c.addStateListener((s, detail) -> Platform.runLater(() -> onLinkState(c, s, detail)));
        List<AutoCloseable> watches = new ArrayList<>();
        for (Function<Console, AutoCloseable> w : watchers) {
            watches.add(w.apply(c));
        }
        try {
            c.open();
        } catch (IOException | RuntimeException e) {
            closeAll(watches);
            view.close();
            if (logSub != null) {
                logSub.close();
                log.close();
            }
            if (steps != null) {
                steps.close();
            }
            link.close();
            throw e;
        }
        return new Session(c, view, logSub, log, steps, watches);
    }

    private static void closeAll(List<AutoCloseable> watches) {
        for (AutoCloseable w : watches) {
            try {
                w.close();
            } catch (Exception e) {
                // a watcher that fails to close must not keep the others open
            }
        }
    }

    private void onLinkState(Console c, LinkState s, String detail) {
        if (session != null && session.console() == c) {
            showState(s, detail);
        }
    }

    private void showState(LinkState s, String detail) {
        state.set(s);
        String why = detail == null || detail.isBlank() ? "" : " (" + detail + ")";
        stateText.set(switch (s) {
            case OPEN -> Texts.t("fx.main.state.connected", session.console().link().describe(), session.console().link().baud());
            case DISCONNECTED -> Texts.t("fx.main.state.disconnected", why);
            case RECONNECTING -> Texts.t("fx.main.state.reconnecting");
            case CLOSED -> Texts.t("fx.main.state.notConnected");
        });
    }

    /**
     * A file the user picked in the window (an image, a tarball): recorded in this session's steps and
     * in every later session's (name, size, SHA-256), so a window transcript's files.json lists it as
     * the CLI's lists the files a command was given. Called on the FX thread; the hashing is not.
     */
    public void fileUsed(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (picked.add(f) && session != null) {
            recordFile(session, f);
        }
    }

    private void recordFile(Session s, Path f) {
        if (s.steps() != null) {
            hashing.execute(() -> {
                if (Files.isRegularFile(f)) {
                    s.steps().file(f);
                }
            });
        }
    }

    /** Closes the session on a background thread; the console keeps its scrollback. */
    public void disconnect() {
        Session s = session;
        if (s == null || busy.get()) {
            return;
        }
        session = null;
        connected.set(false);
        console.consoleProperty().set(null);
        state.set(LinkState.CLOSED);
        stateText.set(Texts.t("fx.main.state.notConnected"));
        logFile.set("");
        busy.set(true);
        io.execute(() -> {
            close(s);
            Platform.runLater(() -> busy.set(false));
        });
    }

    private static void close(Session s) {
        s.console().close(); // the CLOSED event reaches the view and the log after every byte
        s.view().close();
        closeAll(s.watches());
        if (s.logSub() != null) {
            s.logSub().close();
        }
        if (s.steps() != null) {
            s.steps().close();
        }
    }

    /** Window closing: stop watching, close the session, wait briefly for the log to finish. */
    public void shutdown() {
        portWatch.stop();
        hashing.shutdownNow();
        Session s = session;
        session = null;
        if (s != null) {
            io.execute(() -> close(s));
        }
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        console.shutdown();
    }
}
