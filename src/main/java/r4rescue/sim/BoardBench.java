package r4rescue.sim;

import java.util.List;

import r4rescue.board.Medium;
import r4rescue.link.BenchControls;

/** The simulated board's bench, as the window sees it: the hands' part of {@link SimBoard}. */
public final class BoardBench implements BenchControls {

    private final SimBoard board;

    BoardBench(SimBoard board) {
        this.board = board;
    }

    /** The simulated board itself, for tests that reach past the bench (faults, state). */
    public SimBoard board() {
        return board;
    }

    @Override
    public boolean powered() {
        return board.powered();
    }

    @Override
    public String stage() {
        return board.stage();
    }

    @Override
    public void powerOn() {
        board.powerOn();
    }

    @Override
    public void powerOff() {
        board.powerOff();
    }

    @Override
    public void powerCycle() {
        board.powerCycle();
    }

    @Override
    public List<Boolean> switches() {
        return board.state().levers().stream().map(v -> v == 1).toList();
    }

    @Override
    public void setSwitches(List<Boolean> down) {
        board.setDip(down.stream().map(d -> d ? 1 : 0).toList());
    }

    @Override
    public Medium bootMedium() {
        return board.state().bootMedium();
    }

    @Override
    public boolean sdInserted() {
        return board.state().sdInserted;
    }

    @Override
    public void insertSd() {
        board.insertSd(board.state().sd != null ? board.state().sd : ScenarioBuilder.rescueCard(board.data()));
    }

    @Override
    public void removeSd() {
        board.removeSd();
    }
}
