package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.procedure.steps.BootWatch;
import r4rescue.procedure.steps.Cancellation;
import r4rescue.procedure.steps.Commands;
import r4rescue.procedure.steps.StepListener;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.ScenarioBuilder;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLink;

/**
 * The SD unbrick driven end to end through the procedures (no window), with the simulated
 * board's bench for the hands: connect, switches to SD, power cycle, SD boot confirmed, the card's
 * install or the user's files flashed, verified, switches to NAND, power cycle, NAND boot confirmed.
 * Records how long each phase took.
 */
public final class SdUnbrickDriver implements AutoCloseable {

    public final SimLink link;
    public final SimBoard board;
    public final Console console;
    public final BootWatch watch;
    public final Map<String, Long> phasesMs = new LinkedHashMap<>();
    private final StepListener listener;
    private long mark = System.currentTimeMillis();

    public SdUnbrickDriver(String spec, StepListener listener) throws IOException {
        this.listener = listener;
        link = (SimLink) Links.create(spec, 115200);
        board = link.board();
        console = new Console(link);
        watch = new BootWatch(console);
        console.open();
        phase("connect");
    }

    private void phase(String name) {
        long now = System.currentTimeMillis();
        phasesMs.put(name, now - mark);
        mark = now;
    }

    /** Switches to SD, card in, power cycle; returns U-Boot held at the SD card's prompt. */
    public UBootSession bootFromSd() throws Exception {
        board.setDip(Medium.SD);
        board.insertSd(ScenarioBuilder.load("sd-rescue").sd);
        CompletableFuture<UBootSession> held = CompletableFuture.supplyAsync(() -> {
            try {
                return BootCheck.sdBootToPrompt(Boards.R4, console, watch, listener, new Cancellation());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        board.powerCycle();
        UBootSession s = held.get();
        phase("sd-boot-to-prompt");
        return s;
    }

    public List<MenuInstall.Check> installFromCard(UBootSession s, long hostBl2Crc, long hostFipCrc) throws IOException {
        Commands c = new Commands(s, listener, new Cancellation());
        MenuInstall m = new MenuInstall(Boards.R4);
        m.install(c, hostBl2Crc, hostFipCrc);
        phase("menu-install");
        List<MenuInstall.Check> checks = m.verify(c, hostBl2Crc, hostFipCrc);
        phase("read-back-verify");
        return checks;
    }

    /** Switches to NAND, card out, power cycle; the NAND boot confirmed. */
    public BootWatch.Seen bootFromNand() throws Exception {
        board.setDip(Medium.SNAND);
        board.removeSd();
        CompletableFuture<BootWatch.Seen> seen = CompletableFuture.supplyAsync(() -> {
            try {
                return BootCheck.bootFrom(Boards.R4, r4rescue.board.Medium.SNAND, watch, listener, new Cancellation());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        board.powerCycle();
        BootWatch.Seen s = seen.get();
        phase("nand-boot-confirmed");
        return s;
    }

    @Override
    public void close() {
        watch.close();
        console.close();
    }
}
