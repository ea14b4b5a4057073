package r4rescue.face.fx.wizard;

import java.io.InterruptedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;

import r4rescue.board.BoardProfile;
import r4rescue.console.Console;
import r4rescue.console.bootlog.BootEvent;
import r4rescue.console.bootlog.Stage;
import r4rescue.face.fx.MainViewModel;
import r4rescue.link.BenchControls;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.strategy.BoardStrategy;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Texts;

/**
 * The wizard's state without its controls: the console session it works on, a boot watch that
 * reads every boot, the U-Boot session a flow holds between steps, the fix the board's own words
 * suggest, and the one piece of board work running at a time (on a background thread).
 */
public final class WizardViewModel {

    /** Work for one step, run on the wizard's thread. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Ctx ctx) throws Exception;
    }

    /** What a step's work gets: where to report, the user's cancel, the console and the held U-Boot. */
    public final class Ctx {
        private final Consumer<Event> events;
        private final Cancel cancel;
        private final Procedure procedure;
        private volatile boolean onRuntime;
        private volatile boolean cooperative;
        private volatile java.util.function.Supplier<String> boardState;
        private String progressWhat;
        private long progressStart;

        Ctx(StepRun run, Cancel cancel) {
            this.events = run.events();
            this.cancel = cancel;
            this.procedure = new Procedure(events, cancel);
        }

        /** The procedure runtime for this step's work: its events, the user's cancel and the board's state. */
        public Procedure procedure() {
            onRuntime = true;
            return procedure;
        }

        /** The user's cancel, for work off the runtime that stops at its own safe points (see {@link #cooperative()}). */
        public Cancel cancel() {
            return cancel;
        }

        /** A sentence for the step's status line. */
        public void say(String message) {
            events.accept(Event.of(Event.Kind.INFO, "", message));
        }

        /** A command line exactly as sent to the board, under Commands. */
        public void command(String line) {
            events.accept(Event.of(Event.Kind.COMMAND, "", line));
        }

        /** Long work whose figures the work works out itself (rate and time left included). */
        public void progress(Progress p) {
            events.accept(new Event(Event.Kind.PROGRESS, "", p.text(), p, null));
        }

        /** Long work: {@code done} of {@code total} bytes of {@code what}, timed from its first report. */
        public void progress(String what, long done, long total) {
            long now = System.currentTimeMillis();
            long elapsed;
            synchronized (this) {
                if (!what.equals(progressWhat)) {
                    progressWhat = what;
                    progressStart = now;
                }
                elapsed = now - progressStart;
            }
            progress(new Progress(what, done, total, elapsed, false));
        }

        public Console console() {
            Console c = console;
            if (c == null) {
                throw new IllegalStateException(Texts.t("fx.wizard.error.notConnected"));
            }
            return c;
        }

        public BootLogWatch watch() {
            console();
            return watch;
        }

        /**
         * The board strategy on this console: the hand steps are the user's (on the simulated board
         * through the bench panel), told in the step's status.
         */
        public BoardStrategy strategy() {
            Procedure p = procedure();
            return new BoardStrategy(board, console(), watch(), null, p::info);
        }

        /** Keeps {@code s} for the following steps (closing any earlier one). */
        public void hold(UBootSession s) {
            setSession(s);
        }

        /** The held U-Boot session. */
        public UBootSession session() {
            UBootSession s = session;
            if (s == null) {
                throw new IllegalStateException(Texts.t("fx.wizard.error.notHeld"));
            }
            return s;
        }

        /**
         * From now on the work stops only at its own safe points (a shell procedure that checks its
         * cancel between steps): Cancel must not interrupt a mkfs or a copy the board is running.
         */
        public void cooperative() {
            cooperative = true;
        }

        /** For work not on the runtime (a shell procedure): what the board is left with if it stops now. */
        public void boardState(java.util.function.Supplier<String> state) {
            boardState = state;
        }

        /** The board's latest state: the runtime's when the work ran on it, else the one the work was told. */
        String safeState() {
            if (onRuntime) {
                return procedure.state().words();
            }
            java.util.function.Supplier<String> b = boardState;
            return b == null ? null : b.get();
        }
    }

    /**
     * Flows the wizard offers; {@code fixId} is the diagnosis card's name for it. Each has one verb
     * phrase, {@code fx.flow.<fixId>}, on every button that starts it: the flow list, the wizard's
     * proposal and the diagnosis card, so that the user sees one action under one name.
     */
    public enum Flow {
        SD_UNBRICK("sd-rescue"),
        REFLASH("reflash-bl2"),
        BOOTARGS("repair-bootargs"),
        UART_BOOT("uart-boot"),
        MIGRATE("migrate-nvme"),
        SLOTS("ab-slots"),
        UPGRADE("upgrade-nvme"),
        PREFLIGHT("check-wiring");

        public final String fixId;
        /** In English, as fixes.json's "wizard" names the flow. */
        public final String title;

        Flow(String fixId) {
            this.fixId = fixId;
            this.title = Texts.en(key());
        }

        private String key() {
            return "fx.flow." + fixId;
        }

        /** The flow's verb phrase in the user's language. */
        public String words() {
            return Texts.t(key());
        }

        /** The text of a button that starts the flow from a proposal or a diagnosis: the same on both. */
        public String startText() {
            return Texts.t("fx.flow.start", words());
        }

        /** The flow for a diagnosis card's fix id, or null for fixes that are not a flow here. */
        public static Flow forFix(String fixId) {
            return switch (fixId) {
                case "sd-rescue" -> SD_UNBRICK;
                case "reflash-bl2", "reflash-fip" -> REFLASH;
                case "repair-bootargs", "nvme-check" -> BOOTARGS;
                case "uart-boot" -> UART_BOOT;
                default -> null;
            };
        }
    }

    /** What the last boot's words suggest: a flow and why. */
    public record Proposal(Flow flow, String why) {
    }

    private final MainViewModel main;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wizard-board-io");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<Proposal> proposal = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<BenchControls> bench = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<StepRun> lastRun = new ReadOnlyObjectWrapper<>();
    private final BoardProfile board;
    private volatile Console console;
    private volatile BootLogWatch watch;
    private volatile UBootSession session;
    private Task<?> running;
    private Cancel runningRequest;
    private Ctx runningCtx;

    /** @param board the board's facts the wizard shows and uses (the window makes it once) */
    public WizardViewModel(MainViewModel main, BoardProfile board) {
        this.main = main;
        this.board = board;
        main.addSessionWatcher(this::onOpening);
        main.consoleProperty().addListener((o, old, c) -> onConsole(c));
    }

    public BoardProfile board() {
        return board;
    }

    public MainViewModel main() {
        return main;
    }

    /** The bench of the board behind the connection (the simulated board's), or null for a real one. */
    public ReadOnlyObjectProperty<BenchControls> benchProperty() {
        return bench;
    }

    /** The step run started last, running or ended (the bench overview shows its status, progress and result). */
    public ReadOnlyObjectProperty<StepRun> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Proposal> proposalProperty() {
        return proposal.getReadOnlyProperty();
    }

    /** Partitions the kernel listed at the last boot seen on this connection. */
    public java.util.Map<String, java.util.List<String>> partitionsSeen() {
        BootLogWatch w = watch;
        return w == null ? java.util.Map.of() : w.partitionsSeen();
    }

    public boolean connected() {
        return console != null;
    }

    /** On the connecting thread, before the first byte: the boot watch for this console (closed with the session). */
    private AutoCloseable onOpening(Console c) {
        BootLogWatch w = new BootLogWatch(c);
        w.addListener(this::onBootEvent);
        watch = w;
        return w;
    }

    private void onConsole(Console c) {
        setSession(null);
        console = c;
        bench.set(c == null ? null : c.link().bench().orElse(null));
        if (c == null) {
            proposal.set(null);
            watch = null;
        }
    }

    private void onBootEvent(BootEvent e) {
        if (e.kind() != BootEvent.Kind.FAILURE || e.finding() == null) {
            return;
        }
        Flow f = e.finding().fix() == null ? null : Flow.forFix(e.finding().fix());
        if (f == null) {
            f = e.stage() == Stage.BOOTROM || e.stage() == Stage.BL2 ? Flow.SD_UNBRICK
                    : e.stage() == Stage.KERNEL ? Flow.BOOTARGS : null;
        }
        if (f != null) {
            Proposal p = new Proposal(f, e.finding().summaryText());
            Platform.runLater(() -> proposal.set(p));
        }
    }

    /** Sets the proposal from the diagnosis card's fix id. */
    public void proposeFix(String fixId, String why) {
        Flow f = Flow.forFix(fixId);
        if (f != null) {
            proposal.set(new Proposal(f, why));
        }
    }

    private synchronized void setSession(UBootSession s) {
        UBootSession old = session;
        session = s;
        if (old != null && old != s) {
            old.close();
        }
    }

    /** Lets go of U-Boot (before a power cycle the board must do by itself). */
    public void release() {
        setSession(null);
    }

    public boolean busy() {
        return running != null && running.isRunning();
    }

    /** Runs {@code work} for {@code run} on the wizard's thread; {@code onDone} gets its value on the FX thread. */
    public <T> void run(StepRun run, Work<T> work, Consumer<T> onDone) {
        if (busy()) {
            return;
        }
        Cancel request = new Cancel();
        Ctx ctx = new Ctx(run, request);
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call(ctx);
            }
        };
        run.started();
        lastRun.set(run);
        task.setOnSucceeded(e -> {
            running = null;
            run.finished(StepRun.State.DONE, "");
            onDone.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running = null;
            Throwable t = task.getException();
            if (t instanceof Stopped s && s.kind() == Stopped.Kind.CANCELLED) {
                run.finished(StepRun.State.CANCELLED, s.getMessage());
            } else if (t instanceof InterruptedIOException || t instanceof InterruptedException) {
                interrupted(run, ctx);
            } else if (t instanceof Stopped s) {
                // the state the procedure had at the stop, never one said before it began
                String words = s.state().words();
                run.finished(StepRun.State.FAILED, s.getMessage().contains(words) ? s.getMessage()
                        : s.getMessage() + "\n" + Texts.t("fx.wizard.boardState", words));
            } else {
                String msg = t.getMessage() == null ? t.toString() : t.getMessage();
                String safe = ctx.safeState();
                run.finished(StepRun.State.FAILED, msg + (safe == null ? "" : "\n" + Texts.t("fx.wizard.boardState", safe)));
            }
        });
        task.setOnCancelled(e -> {
            running = null;
            interrupted(run, ctx);
        });
        running = task;
        runningCtx = ctx;
        runningRequest = request;
        worker.execute(task);
    }

    /** A step off the runtime stopped by an interrupt while it waited (for a power cycle, a boot): it only read. */
    private static void interrupted(StepRun run, Ctx ctx) {
        String safe = ctx.safeState();
        run.finished(StepRun.State.CANCELLED, Texts.t("fx.wizard.cancelled", safe == null ? Texts.t("fx.wizard.nothingChanged") : safe));
    }

    /**
     * Asks the running work to stop at its next safe point. Work on the procedure runtime (the
     * flash, bootargs) is never interrupted: a wait for an erase or write the board is doing must
     * not be abandoned; pressed again while a flash finishes its write, it aborts that flash at its
     * next command. So is a shell procedure that checks its cancel between steps (the migration):
     * it stops before its next step. Other steps only wait and read (for a power cycle, a boot, the
     * card's own install, which the board finishes by itself), so their wait is interrupted.
     */
    public void cancel() {
        if (runningRequest != null) {
            runningRequest.request();
        }
        Ctx ctx = runningCtx;
        if (running != null && ctx != null && !ctx.onRuntime && !ctx.cooperative) {
            running.cancel(true);
        }
    }

    public void shutdown() {
        cancel();
        setSession(null);
        worker.shutdownNow();
    }
}
