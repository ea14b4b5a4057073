package r4rescue.procedure.flash;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLink;

/** A simulated board on a console, stopped in U-Boot, with the events of each flash collected. */
final class SimBench implements AutoCloseable {

    private static final Set<String> BOOTED = Set.of("uboot", "countdown", "menu", "menu-wait", "prompt", "kernel",
            "userspace", "shell");

    final SimLink link;
    final SimBoard board;
    final Console console;
    final List<Event> events = new CopyOnWriteArrayList<>();
    UBootSession session;

    SimBench(String scenario) throws IOException {
        link = (SimLink) Links.create("sim:" + scenario, 115200);
        board = link.board();
        console = new Console(link);
        console.open();
    }

    UBootSession uboot() throws IOException {
        if (session != null) {
            session.close();
        }
        session = UBootSession.attachOrTakeHold(console, Duration.ofSeconds(30), e -> { });
        return session;
    }

    FlashReport flash(byte[] data, String name, Role role, Medium medium) throws Exception {
        return flash(data, name, role, medium, e -> { }, new Cancel());
    }

    FlashReport flash(byte[] data, String name, Role role, Medium medium, Consumer<Event> also, Cancel cancel)
            throws Exception {
        FlashImage img = new ImageCheck(Boards.R4).check(name, data, role, medium, false);
        return new UBootFlash(session, Boards.R4, img, new Procedure(e -> {
            events.add(e);
            also.accept(e);
        }, cancel)).run();
    }

    /** Power-cycles and waits until the boot got past BL2 and BL31 into U-Boot or further. */
    String powerCycleAndWaitBoot(long timeoutMs) throws InterruptedException {
        if (session != null) {
            session.close();
            session = null;
        }
        board.powerCycle();
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            String s = board.stage();
            if (BOOTED.contains(s) || "halt".equals(s)) {
                return s;
            }
            Thread.sleep(20);
        }
        return board.stage();
    }

    List<String> commands() {
        return events.stream().filter(e -> e.kind() == Event.Kind.COMMAND).map(Event::message).toList();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        console.close();
    }
}
