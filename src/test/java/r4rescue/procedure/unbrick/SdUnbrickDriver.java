package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.strategy.BoardStrategy;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.ScenarioBuilder;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLink;

/**
 * The SD unbrick driven end to end through the procedures (no window), the hands being the
 * simulated board's bench through the {@link BoardStrategy}: connect, switches to SD, power cycle,
 * SD boot confirmed, the card's install or the user's files flashed, verified, switches to NAND,
 * power cycle, NAND boot confirmed. Records how long each phase took.
 */
public final class SdUnbrickDriver implements AutoCloseable {

    public final SimLink link;
    public final SimBoard board;
    public final Console console;
    public final BootLogWatch watch;
    public final BoardStrategy strategy;
    public final Map<String, Long> phasesMs = new LinkedHashMap<>();
    private final Consumer<Event> listener;
    private long mark = System.currentTimeMillis();

    public SdUnbrickDriver(String spec, Consumer<Event> listener) throws IOException {
        this.listener = listener;
        link = (SimLink) Links.create(spec, 115200);
        board = link.board();
        console = new Console(link);
        watch = new BootLogWatch(console);
        strategy = new BoardStrategy(Boards.R4, console, watch, link.bench().orElseThrow(), i -> {
            throw new IllegalStateException("the bench does the hand steps: " + i);
        });
        console.open();
        phase("connect");
    }

    /** A procedure reporting to this driver's listener with {@code cancel}. */
    public Procedure procedure(Cancel cancel) {
        return new Procedure(listener, cancel);
    }

    public Procedure procedure() {
        return procedure(new Cancel());
    }

    private void phase(String name) {
        long now = System.currentTimeMillis();
        phasesMs.put(name, now - mark);
        mark = now;
    }

    /** The sd-rescue scenario's card in, switches to SD, power cycle; returns U-Boot held at the SD card's prompt. */
    public UBootSession bootFromSd() throws Exception {
        board.insertSd(ScenarioBuilder.load("sd-rescue").sd);
        UBootSession s = strategy.toUBoot(Medium.SD, procedure());
        phase("sd-boot-to-prompt");
        return s;
    }

    public List<MenuInstall.Check> installFromCard(UBootSession s, long hostBl2Crc, long hostFipCrc) throws Exception {
        Procedure p = procedure();
        MenuInstall m = new MenuInstall(Boards.R4);
        m.install(s, p, hostBl2Crc, hostFipCrc);
        phase("menu-install");
        List<MenuInstall.Check> checks = m.verify(s, p, hostBl2Crc, hostFipCrc);
        phase("read-back-verify");
        return checks;
    }

    /** Switches to NAND, card out, power cycle; the NAND boot confirmed. */
    public BootLogWatch.Seen bootFromNand() throws Exception {
        BootLogWatch.Seen s = strategy.bootFrom(Medium.SNAND, procedure());
        phase("nand-boot-confirmed");
        return s;
    }

    @Override
    public void close() {
        watch.close();
        console.close();
    }
}
