package r4rescue.procedure.migrate;

import java.util.ArrayList;
import java.util.List;

import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.protocol.CancellationToken;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLink;
import r4rescue.sim.state.Partition;

/** A simulated board (unpaced) with a root shell on its console, for the procedure tests. */
final class SimBench implements AutoCloseable {

    final SimBoard board;
    final Console console;
    final ShellDriver shell;
    final List<StepEvent> events = new ArrayList<>();
    final MigrateConfig cfg = MigrateConfig.load();
    private final long t0 = System.nanoTime();

    SimBench(String scenario) throws Exception {
        SimLink link = (SimLink) Links.create("sim:" + scenario, 115200);
        board = link.board();
        board.setCountdownFloorMs(300);
        console = new Console(link);
        console.open();
        shell = new ShellDriver(console);
        shell.activate(null, 30_000);
    }

    Steps steps() {
        return new Steps(shell, e -> {
            events.add(e);
            if (e.kind() != StepEvent.Kind.STARTED) {
                System.out.printf("  %6d ms %s %s%n", (System.nanoTime() - t0) / 1_000_000, e.kind(), e.step());
            }
        }, CancellationToken.none());
    }

    Partition nvme(int n) {
        return board.state().nvme.partition(n);
    }

    /** Every command the steps sent, in order. */
    List<String> commands() {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.addAll(e.commands()));
        return out;
    }

    @Override
    public void close() {
        shell.close();
        console.close();
    }
}
