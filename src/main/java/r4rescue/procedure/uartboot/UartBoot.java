package r4rescue.procedure.uartboot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import r4rescue.board.BoardProfile;
import r4rescue.board.UartBootData;
import r4rescue.console.Console;
import r4rescue.console.Tap;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.bl2dl.Bl2Download;
import r4rescue.protocol.brom.BromClient;
import r4rescue.protocol.brom.HandshakeStatus;
import r4rescue.protocol.brom.SerialLine;
import r4rescue.protocol.brom.UartBootException;
import r4rescue.protocol.brom.UartFailure;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Recovery without an SD card: the Boot ROM takes a RAM BL2 over the serial line, that BL2 takes
 * the FIP, and the same console then shows BL31 and U-Boot, whose autoboot is stopped. A fast rate
 * that does not work costs one more power cycle and the rest goes at 115200. Nothing is written
 * to the board's flash here; the U-Boot session it returns is where flashing starts.
 */
public final class UartBoot {

    /** The console's normal rate; BL2 and BL31 print at it whatever the download rates were. */
    public static final int CONSOLE_BAUD = 115200;
    private static final int ATTEMPTS = 3;

    /** Rates (0 = stay at 115200) and how long to wait. */
    public record Options(int bromFastBaud, int bl2FastBaud, Duration handshakeTimeout, Duration stageTimeout) {
        public static Options defaults(BoardProfile board) {
            UartBootData d = board.uartBoot();
            return new Options(d.brom("fastBaud"), d.bl2dl("fastBaud"), Duration.ofSeconds(60), Duration.ofSeconds(60));
        }

        public Options noFast() {
            return new Options(0, 0, handshakeTimeout, stageTimeout);
        }
    }

    /** How far it got. */
    public enum Stage { BL2_STARTED, UBOOT_PROMPT }

    /**
     * @param session the U-Boot session at its prompt (null without a FIP); the caller closes it
     * @param notes   what the user should know (fallbacks, resent packets)
     */
    public record Result(Stage reached, long millisToBl2, long millisToPrompt, int bl2Baud, int fipBaud,
                         List<String> notes, UBootSession session) {
    }

    /** What the faces show while it works, beyond the procedure's events (sentences, progress). */
    public interface Listener {
        /** The handshake's figures, about four times a second: a live indicator. */
        default void handshake(HandshakeStatus status) {
        }

        /** The user must switch the board off and on now. */
        default void powerCycleNow(String why) {
        }

        /** A line the board printed while the program waited for one. */
        default void boardLine(String line) {
        }
    }

    private final BoardProfile board;
    private final Console console;
    private final Listener listener;
    private final Procedure p;
    private final UartBootData data;
    private final List<String> notes = new ArrayList<>();
    /** Set once BL2 runs: a failed fast rate is then BL2's, not the Boot ROM's. */
    private boolean inBl2;

    /** @param p the procedure it reports to; its cancel is honoured while waiting for the Boot ROM and between the stages */
    public UartBoot(BoardProfile board, Console console, Listener listener, Procedure p) {
        this.board = board;
        this.data = board.uartBoot();
        this.console = console;
        this.listener = listener;
        this.p = p;
    }

    /**
     * Checks both files, then runs. {@code fip} null stops once BL2 offers its FIP download.
     *
     * @throws IllegalArgumentException a file is wrong (nothing was sent)
     * @throws UartBootException with the failure and its explanation
     * @throws Stopped          cancelled (nothing is ever written to the flash here)
     */
    public Result run(byte[] bl2, byte[] fip, Options options) throws IOException, Stopped {
        String refusal = UartBootFiles.bl2Refusal(board, bl2);
        if (refusal == null && fip != null) {
            refusal = UartBootFiles.fipRefusal(board, fip);
        }
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        int bromFast = options.bromFastBaud();
        int bl2Fast = options.bl2FastBaud();
        long start = System.currentTimeMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(bl2, fip, options, bromFast, bl2Fast, start);
            } catch (UartBootException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                if (e.failure() == UartFailure.FAST_RATE_FAILED) {
                    int failed = inBl2 ? bl2Fast : bromFast;
                    if (!inBl2) {
                        bromFast = 0;
                    } else {
                        bl2Fast = 0;
                    }
                    note(String.format(Texts.t("proc.uartboot.theFastRateD"), failed));
                } else if (e.failure() == UartFailure.DAMAGED) {
                    note(Texts.t("proc.uartboot.dataWasDamagedOn"));
                } else {
                    throw e;
                }
            }
        }
    }

    private Result attempt(byte[] bl2, byte[] fip, Options o, int bromFast, int bl2Fast, long start) throws IOException, Stopped {
        int fipBaud;
        int bl2Baud = CONSOLE_BAUD;
        long bl2Ms;
        inBl2 = false;
        try (Tap tap = console.tap()) {
            SerialLine line = SerialLine.of(tap, console);
            line.setBaud(CONSOLE_BAUD);
            BromClient brom = new BromClient(line, data);
            p.info(Texts.t("proc.uartboot.waitingForTheBoot"));
            try {
                brom.handshake(o.handshakeTimeout().toMillis(), st -> {
                    if (st.sent() == 0) {
                        // the handshake is already being sent when the user is asked: the window is short
                        listener.powerCycleNow(Texts.t("proc.uartboot.switchTheBoardOff"));
                    }
                    listener.handshake(st);
                }, () -> p.cancel().requested());
            } catch (InterruptedIOException e) {
                p.checkpoint(); // a cancel: nothing was sent yet
                throw e;
            }
            p.info(String.format(Texts.t("proc.uartboot.theBootROMAnswered"), brom.hwCode()));
            brom.targetConfig();
            p.info(Texts.t("proc.uartboot.secureBootIsOff"));
            if (bromFast > 0) {
                if (brom.setBaudrate(bromFast)) {
                    bl2Baud = bromFast;
                } else {
                    note(String.format(Texts.t("proc.uartboot.theBootROMRefused"), bromFast));
                }
            }
            long addr = data.brom("daLoadAddress");
            p.info(String.format(Texts.t("proc.uartboot.sendingTheRAMBL2"), bl2.length, addr, bl2Baud));
            long t0 = System.currentTimeMillis();
            int sum = brom.sendDa(addr, bl2, (done, total) -> progress("RAM BL2", done, total, t0));
            p.info(String.format(Texts.t("proc.uartboot.theBootROMHas"), sum));
            if (bl2Baud != CONSOLE_BAUD) {
                brom.setBaudrate(CONSOLE_BAUD);
            }
            brom.jumpDa64(addr);
            inBl2 = true;
            p.info(Texts.t("proc.uartboot.bl2StartedFromRAM"));
            p.state(BoardState.untouched(Message.of("proc.uartboot.theBoardRunsThe")));
            p.checkpoint();
            Bl2Download dl = new Bl2Download(line, listener::boardLine, data);
            dl.awaitOffer(o.stageTimeout().toMillis());
            bl2Ms = System.currentTimeMillis() - start;
            if (fip == null) {
                p.info(Texts.t("proc.uartboot.bl2IsWaitingFor"));
                return new Result(Stage.BL2_STARTED, bl2Ms, -1, bl2Baud, 0, List.copyOf(notes), null);
            }
            dl.handshake(5000);
            p.info(String.format(Texts.t("proc.uartboot.bl2SUARTDownload"), dl.version()));
            fipBaud = CONSOLE_BAUD;
            if (bl2Fast > 0) {
                dl.setBaud(bl2Fast);
                fipBaud = bl2Fast;
            }
            p.info(String.format(Texts.t("proc.uartboot.sendingTheFIPD"), fip.length, fipBaud));
            long t1 = System.currentTimeMillis();
            dl.sendFip(fip, (done, total) -> progress("FIP", done, total, t1),
                    idx -> note(Texts.t("proc.uartboot.fipPacket", idx)));
            dl.go();
            p.info(dl.awaitReceived(o.stageTimeout().toMillis()).strip());
            line.setBaud(CONSOLE_BAUD);
        }
        p.state(BoardState.untouched(Message.of("proc.uartboot.theBoardIsStarting")));
        p.checkpoint();
        p.info(Texts.t("proc.uartboot.stoppingUBootS"));
        UBootSession s = UBootSession.takeHold(console, o.stageTimeout(), this::holdEvent);
        long promptMs = System.currentTimeMillis() - start;
        p.info(Texts.t("proc.uartboot.uBootSPrompt", s.prompt().strip()));
        return new Result(Stage.UBOOT_PROMPT, bl2Ms, promptMs, bl2Baud, fipBaud, List.copyOf(notes), s);
    }

    private void holdEvent(HoldEvent e) {
        if (e.kind() != HoldEvent.Kind.POWER_CYCLE_NOW) {
            p.info(e.message());
        }
    }

    private void progress(String what, long done, long total, long since) {
        p.progress(new Progress(what, done, total, System.currentTimeMillis() - since, false));
    }

    private void note(String s) {
        notes.add(s);
        p.info(s);
    }
}
