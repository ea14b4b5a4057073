package r4rescue.face.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import r4rescue.sim.ScenarioBuilder;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimServer;
import r4rescue.sim.state.SimState;
import r4rescue.util.Texts;

/** {@code simulate SCENARIO --tcp HOST:PORT}: serves the simulated BPI-R4 to any terminal program. */
@Command(name = "simulate", mixinStandardHelpOptions = true)
public final class SimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", defaultValue = "healthy-nand")
    String scenario;

    @Option(names = "--export-images", paramLabel = "DIR")
    java.nio.file.Path exportImages;

    @Option(names = "--tcp", paramLabel = "HOST:PORT")
    String tcp;

    @Option(names = "--paced")
    boolean paced;

    @Option(names = {"-b", "--baud"}, defaultValue = "115200")
    int baud;

    @Option(names = "--power-cycle-on-connect")
    boolean cycleOnConnect;

    @Option(names = "--time-scale", paramLabel = "X")
    Double timeScale;

    @Override
    public Integer call() {
        if (exportImages != null) {
            try {
                for (java.nio.file.Path p : r4rescue.sim.SimImages.export(exportImages)) {
                    System.out.println(Texts.t("cli.simulate.exported", p, java.nio.file.Files.size(p)));
                }
                return MainCommand.OK;
            } catch (IOException e) {
                System.err.println(Texts.t("cli.simulate.export-failed", exportImages, e.getMessage()));
                return MainCommand.BAD_INPUT;
            }
        }
        if (tcp == null) {
            System.err.println(Texts.t("cli.simulate.no-tcp"));
            return MainCommand.BAD_INPUT;
        }
        int colon = tcp.lastIndexOf(':');
        if (colon <= 0) {
            System.err.println(Texts.t("cli.simulate.bad-tcp"));
            return MainCommand.BAD_INPUT;
        }
        SimState state;
        try {
            state = ScenarioBuilder.load(scenario);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return MainCommand.BAD_INPUT;
        }
        SimBoard board = new SimBoard(state);
        board.setConsoleBaud(baud);
        board.setPaced(paced);
        board.setTimeScale(timeScale != null ? timeScale : paced ? 1.0 : 0.0);
        board.setCountdownFloorMs(paced ? 0 : 300);
        try (SimServer server = new SimServer(board, tcp.substring(0, colon), Integer.parseInt(tcp.substring(colon + 1)))) {
            server.powerCycleOnConnect(cycleOnConnect).start();
            String where = tcp.substring(0, colon) + ":" + server.port();
            System.out.println(paced ? Texts.t("cli.simulate.listening-paced", scenario, where, baud) : Texts.t("cli.simulate.listening", scenario, where));
            System.out.flush();
            server.join();
        } catch (IOException e) {
            System.err.println(Texts.t("cli.simulate.cannot-listen", tcp, e.getMessage()));
            return MainCommand.NO_LINK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NumberFormatException e) {
            System.err.println(Texts.t("cli.simulate.bad-port", tcp));
            return MainCommand.BAD_INPUT;
        }
        return MainCommand.OK;
    }
}
