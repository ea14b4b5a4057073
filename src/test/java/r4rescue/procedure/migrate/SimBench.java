package r4rescue.procedure.migrate;

import java.util.ArrayList;
import java.util.List;

import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLink;
import r4rescue.sim.state.Partition;

/** A simulated board (unpaced) with a root shell on its console, for the procedure tests. */
final class SimBench implements AutoCloseable {

    final SimBoard board;
    final Console console;
    final ShellDriver shell;
    final List<Event> events = new ArrayList<>();
    final Cancel cancel = new Cancel();
    /** Sees every event as it happens, on the procedure's thread (e.g. to press Cancel at a given step). */
    volatile java.util.function.Consumer<Event> tap = e -> { };
    final MigrateConfig cfg = MigrateConfig.load();
    private final long t0 = System.nanoTime();
    private ShellProcedure steps;

    SimBench(String scenario) throws Exception {
        SimLink link = (SimLink) Links.create("sim:" + scenario, 115200);
        board = link.board();
        board.setCountdownFloorMs(300);
        console = new Console(link);
        console.open();
        shell = new ShellDriver(console);
        shell.activate(null, 30_000);
    }

    /** The one procedure over this bench's shell (one, so each command is recorded once). */
    ShellProcedure steps() {
        if (steps == null) {
            steps = new ShellProcedure(shell, new Procedure(e -> {
                events.add(e);
                tap.accept(e);
                if (e.kind() == Event.Kind.STEP) {
                    System.out.printf("  %6d ms %s%n", (System.nanoTime() - t0) / 1_000_000, e.step());
                }
            }, cancel));
        }
        return steps;
    }

    Partition nvme(int n) {
        return board.state().nvme.partition(n);
    }

    /** Every command the steps sent, in order. */
    List<String> commands() {
        List<String> out = new ArrayList<>();
        events.stream().filter(e -> e.kind() == Event.Kind.COMMAND).forEach(e -> out.add(e.message()));
        return out;
    }

    @Override
    public void close() {
        shell.close();
        console.close();
    }
}
