package r4rescue.procedure.uartboot;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import r4rescue.board.Boards;
import r4rescue.sim.SimImages;
import r4rescue.console.Console;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.sim.ScenarioBuilder;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLink;

/**
 * A simulated board that starts switched off, with a pair of hands: every time the procedure asks
 * for a power cycle, the board is switched off and on. For the uartboot tests.
 */
final class UartBootBench implements AutoCloseable {

    static final byte[] RAM_BL2 = SimImages.ramBl2();
    static final byte[] FIP = SimImages.snandFip();

    final SimBoard board;
    final Console console;
    final List<String> said = new CopyOnWriteArrayList<>();
    final List<String> boardLines = new CopyOnWriteArrayList<>();
    volatile int powerCycles;
    /** Whether the hands power-cycle when asked (false: the user never does). */
    volatile boolean hands = true;

    UartBootBench(String scenario, boolean paced) throws IOException {
        board = new SimBoard(ScenarioBuilder.load(scenario));
        board.setTimeScale(paced ? 1 : 0);
        board.setPaced(paced);
        board.setCountdownFloorMs(paced ? 0 : 300);
        board.setPowerOnByKey(false);
        board.setBromWindowFloorMs(1000); // six builds share two cores here: the host may wait that long for a slice
        console = new Console(new SimLink("sim:" + scenario, 115200, board, false));
        console.open();
    }

    UartBoot.Listener listener() {
        return new UartBoot.Listener() {
            @Override
            public void powerCycleNow(String why) {
                if (hands) {
                    powerCycles++;
                    new Thread(board::powerCycle, "hands").start(); // while the handshake goes on, as a user would
                }
            }

            @Override
            public void boardLine(String line) {
                boardLines.add(line);
            }
        };
    }

    /** A procedure whose sentences land in {@link #said}. */
    Procedure procedure() {
        return new Procedure(e -> {
            if (e.kind() == Event.Kind.INFO || e.kind() == Event.Kind.WARNING) {
                said.add(e.message());
            }
        }, new Cancel());
    }

    UartBoot.Result run(byte[] bl2, byte[] fip, UartBoot.Options o) throws IOException, Stopped {
        return new UartBoot(Boards.R4, console, listener(), procedure()).run(bl2, fip, o);
    }

    static UartBoot.Options quick() {
        UartBoot.Options d = UartBoot.Options.defaults(Boards.R4);
        return new UartBoot.Options(d.bromFastBaud(), d.bl2FastBaud(), Duration.ofSeconds(3), Duration.ofSeconds(20));
    }

    /** Switches the board on and waits until its Boot ROM has given up ({@code System halt!}). */
    void onAndHalted() throws InterruptedException {
        board.powerOn();
        long end = System.currentTimeMillis() + 5000;
        while (!board.stage().equals("halt") && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
    }

    String said() {
        return String.join("\n", said);
    }

    @Override
    public void close() {
        console.close();
    }
}
