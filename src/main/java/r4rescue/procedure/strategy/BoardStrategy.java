package r4rescue.procedure.strategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.console.bootlog.BootEvent;
import r4rescue.console.bootlog.Stage;
import r4rescue.link.BenchControls;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.util.Texts;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Texts;
import r4rescue.util.Message;

/**
 * Moves the board between its states (labgrid's Strategy): OFF, BOOTING from a chosen medium
 * (confirmed from BL2's own words, never assumed from the switches), UBOOT (autoboot stopped, the
 * prompt held), SHELL (Linux booted, its shell prompt checked). Procedures ask for a state; the strategy does the hand steps through the link's
 * {@link BenchControls} when it has them (the simulated board: each one logged), else asks the
 * user through {@link Hands} and watches the console for the result. Switch positions, the boot
 * device BL2 names and the lever words all come from the board profile.
 */
public final class BoardStrategy {

    public enum State { UNKNOWN, OFF, BOOTING, UBOOT, SHELL }

    /** A person at the bench: told what to do with their hands; returns once it may be done. */
    @FunctionalInterface
    public interface Hands {
        void ask(String instruction) throws IOException, InterruptedException;
    }

    /** The board did not boot as asked; the message says what it saw and what to check. */
    public static final class WrongBoot extends IOException {
        private final transient BootLogWatch.Seen seen;

        WrongBoot(String message, BootLogWatch.Seen seen) {
            super(message);
            this.seen = seen;
        }

        public BootLogWatch.Seen seen() {
            return seen;
        }
    }

    private static final long BOOT_TIMEOUT_MS = 180_000;

    private final BoardProfile board;
    private final Console console;
    private final BootLogWatch watch;
    private final BenchControls bench;
    private final Hands hands;
    private volatile State state = State.UNKNOWN;
    private volatile Medium bootedFrom;

    /** @param bench the link's bench controls, or null to ask the user through {@code hands} */
    public BoardStrategy(BoardProfile board, Console console, BootLogWatch watch, BenchControls bench, Hands hands) {
        this.board = board;
        this.console = console;
        this.watch = watch;
        this.bench = bench;
        this.hands = hands;
    }

    public State state() {
        return state;
    }

    /** The medium BL2 named at the last boot this strategy watched, or null when its words were not seen. */
    public Medium bootedFrom() {
        return bootedFrom;
    }

    /** OFF: the bench's power switched off, or the user asked to. */
    public void off(Procedure p) throws IOException, InterruptedException {
        if (bench != null) {
            bench.powerOff();
            p.info(Texts.t("proc.strategy.benchPowerOff"));
        } else {
            hands.ask(Texts.t("proc.strategy.switchTheBoardOff"));
        }
        state = State.OFF;
    }

    /**
     * UBOOT from {@code medium}: the board is powered on from it (switches set, SD card in or out),
     * BL2 must name it, then U-Boot's autoboot is stopped. The session is the caller's to close.
     */
    public UBootSession toUBoot(Medium medium, Procedure p) throws Stopped {
        return p.step(Message.of("proc.strategy.bootFrom", where(medium)), Texts.t("proc.strategy.bootingFrom", where(medium)), () -> {
            powerOnFrom(medium, p);
            p.info(Texts.t("proc.strategy.bl2SaysItBooted", where(medium)));
            // the board was just switched on: the session's own "power-cycle now" would ask for a second one
            UBootSession s = UBootSession.takeHold(console, Duration.ofSeconds(60), e -> {
                if (e.kind() != HoldEvent.Kind.POWER_CYCLE_NOW) {
                    p.info(e.message());
                }
            });
            p.info(Texts.t("proc.strategy.uBootFrom", where(medium), s.prompt().strip()));
            state = State.UBOOT;
            return s;
        });
    }

    /**
     * BOOTING from {@code medium}, proven: BL2 names it and the boot reaches U-Boot or Linux
     * without a failure. Returns what the boot showed.
     */
    public BootLogWatch.Seen bootFrom(Medium medium, Procedure p) throws Stopped {
        return p.step(Message.of("proc.strategy.bootFrom2", where(medium)), Texts.t("proc.strategy.confirmingTheBootFrom", where(medium)), () -> {
            powerOnFrom(medium, p);
            p.info(Texts.t("proc.strategy.bl2SaysItBooted2", where(medium)));
            BootEvent reached = watch.await(thisBoot(e -> e.kind() == BootEvent.Kind.FAILURE
                    || (e.stage() != null && !e.stage().isBefore(Stage.UBOOT))), BOOT_TIMEOUT_MS, p);
            BootLogWatch.Seen seen = watch.seen();
            if (reached == null || reached.kind() == BootEvent.Kind.FAILURE) {
                throw new WrongBoot(seen.failure() != null && seen.failure().finding() != null
                        ? Texts.t("proc.strategy.bootStoppedBecause", where(medium), seen.failure().finding().summary(), seen.lastText())
                        : Texts.t("proc.strategy.bootStoppedIn", where(medium), seen.stage(), seen.lastText()), seen);
            }
            state = State.BOOTING;
            return seen;
        });
    }

    /**
     * SHELL: Linux's shell prompt, learned and checked by the protocol's {@link ShellDriver} (Enter,
     * a login as root, BusyBox's cursor query). From UBOOT ({@code held}, the session at the prompt,
     * is closed) the environment's bootcmd runs ({@code boot}); from OFF the board is switched on as
     * its switches stand; from BOOTING the boot under way is followed; from UNKNOWN the board is taken
     * to be running already. The medium BL2 names, when its words are seen, is said and kept
     * ({@link #bootedFrom()}). A boot that fails (a panic, a reset loop, no shell) stops the step with
     * the kernel's words and leaves the state BOOTING. The shell is the caller's to close.
     *
     * @param password given to the login when the board asks for one (null: none known)
     */
    public ShellDriver toShell(UBootSession held, String password, Procedure p) throws Stopped {
        return p.step(Texts.t("core.strategy.shell.step"), Texts.t("core.strategy.shell.doing"), () -> {
            State from = state;
            if (from == State.UBOOT && held != null) {
                watch.mark();
                held.close();
                p.command("boot");
                console.send("boot\r".getBytes(StandardCharsets.US_ASCII)); // i18n-exempt: U-Boot command
                state = State.BOOTING;
            } else if (from == State.OFF) {
                watch.mark();
                if (bench != null) {
                    bench.powerOn();
                    p.info(Texts.t("core.strategy.bench.powerOn"));
                } else {
                    hands.ask(Texts.t("core.strategy.hands.switchOn"));
                }
                state = State.BOOTING;
            }
            if (state == State.BOOTING) {
                awaitUserspace(from == State.OFF, p);
            }
            ShellDriver sh = new ShellDriver(console);
            try {
                sh.activate(password, BOOT_TIMEOUT_MS);
            } catch (IOException e) {
                sh.close();
                throw e;
            }
            state = State.SHELL;
            p.info(Texts.t("core.strategy.shell.reached", sh.prompt().strip()));
            return sh;
        });
    }

    /**
     * Follows a boot to Linux's user space; a failure on the way (a kernel panic, a reset loop) or no
     * user space within the timeout is a {@link WrongBoot} with the board's last words. {@code powerOn}:
     * the boot begins at the Boot ROM's first words (what came before is not this boot's).
     */
    private void awaitUserspace(boolean powerOn, Procedure p) throws IOException, InterruptedException, Stopped {
        Predicate<BootEvent> wanted = e -> e.kind() == BootEvent.Kind.FAILURE || e.kind() == BootEvent.Kind.RESET_LOOP
                || e.stage() == Stage.USERSPACE;
        BootEvent reached = watch.await(powerOn ? thisBoot(wanted) : wanted, BOOT_TIMEOUT_MS, p);
        BootLogWatch.Seen seen = watch.seen();
        Medium m = seen.bootDevice() == null ? null : board.mediumOfBootDevice(seen.bootDevice());
        if (m != null) {
            bootedFrom = m;
            p.info(Texts.t("core.strategy.shell.bootedFrom", where(m)));
        }
        if (reached == null) {
            throw new WrongBoot(Texts.t("core.strategy.shell.noUserspace", BOOT_TIMEOUT_MS / 1000, seen.stage(), seen.lastText()), seen);
        }
        if (reached.kind() != BootEvent.Kind.STAGE || reached.stage() != Stage.USERSPACE) {
            throw new WrongBoot(Texts.t("core.strategy.shell.failed", reached.finding() != null ? reached.finding().summary()
                    : reached.text(), reached.text()), seen);
        }
    }

    /** Powers the board on from {@code medium} (by the bench, or by the user's hands) and requires BL2 to name it. */
    private BootLogWatch.Seen powerOnFrom(Medium medium, Procedure p) throws IOException, InterruptedException, Stopped {
        watch.mark();
        boolean sd = medium == Medium.SD;
        if (bench != null) {
            bench.powerOff();
            bench.setSwitches(board.dipFor(medium).levers().stream().map(v -> v == 1).toList());
            if (sd && !bench.sdInserted()) {
                bench.insertSd();
            } else if (!sd && bench.sdInserted()) {
                bench.removeSd();
            }
            p.info(Texts.t(sd ? "proc.strategy.benchSdIn" : "proc.strategy.benchSdOut", board.dipSetting(medium)));
            bench.powerOn();
        } else {
            hands.ask(Texts.t(sd ? "proc.strategy.askSdIn" : "proc.strategy.askSdOut", board.dipSetting(medium), where(medium)));
        }
        state = State.BOOTING;
        BootEvent e = watch.await(thisBoot(ev -> (ev.kind() == BootEvent.Kind.BOOT_DEVICE && ev.stage() == Stage.BL2)
                || ev.kind() == BootEvent.Kind.FAILURE || ev.kind() == BootEvent.Kind.RESET_LOOP), BOOT_TIMEOUT_MS, p);
        BootLogWatch.Seen seen = watch.seen();
        if (e == null) {
            throw new WrongBoot(seen.stage() == Stage.NONE
                    ? Texts.t("proc.strategy.nothingCameFromThe", BOOT_TIMEOUT_MS / 1000)
                    : Texts.t("proc.strategy.theBoardPrintedText", seen.lastText()), seen);
        }
        if (!seen.from(board.bootDevice(medium))) {
            throw new WrongBoot(notFrom(medium, seen) + " Check: " + board.dipSetting(medium) + " — the silkscreen can be misread"
                    + (sd ? Texts.t("proc.strategy.theCardPushedIn")
                    : Texts.t("proc.strategy.takeTheSDCard")), seen);
        }
        return seen;
    }

    /**
     * {@code wanted} among the events of the boot that begins after the mark (at the Boot ROM's first words, or at
     * BL2's boot device when those were garbled): what came before is not this boot's — the end of the boot before
     * (its "System halt!") may still be arriving, and the observer's silent-board finding is no failure while a
     * person reaches for the switches (no boot within the timeout says that instead).
     */
    private static Predicate<BootEvent> thisBoot(Predicate<BootEvent> wanted) {
        AtomicBoolean started = new AtomicBoolean();
        return ev -> {
            if (ev.kind() == BootEvent.Kind.POWER_ON || (ev.kind() == BootEvent.Kind.BOOT_DEVICE && ev.stage() == Stage.BL2)) {
                started.set(true);
            }
            return started.get() && wanted.test(ev);
        };
    }

    private String notFrom(Medium medium, BootLogWatch.Seen seen) {
        if (seen.failure() != null && seen.failure().finding() != null) {
            return seen.bootDevice() != null
                    ? Texts.t("proc.strategy.stoppedTrace", seen.failure().finding().summary(), seen.failure().text(), seen.bootDevice())
                    : Texts.t("proc.strategy.stopped", seen.failure().finding().summary(), seen.failure().text());
        }
        if (seen.bootDevice() != null) {
            return Texts.t("proc.strategy.theBoardBootedFrom", seen.bootDevice(), where(medium));
        }
        return Texts.t("proc.strategy.bl2DidNotSay", where(medium), seen.lastText());
    }

    /** "the SD card", "the NAND", "the eMMC". */
    public static String where(Medium m) {
        return switch (m) {
            case SD -> Texts.t("proc.strategy.theSDCard");
            case SNAND -> Texts.t("proc.strategy.theNand");
            case EMMC -> Texts.t("proc.strategy.theEmmc");
            default -> m.label();
        };
    }
}
