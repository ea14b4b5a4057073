package r4rescue.sim;

import java.io.IOException;
import java.util.Optional;

import r4rescue.link.BenchControls;
import r4rescue.link.Link;
import r4rescue.link.LinkListener;
import r4rescue.link.PipeLink;

/**
 * The link to a simulated board: a {@link PipeLink} whose far end is a {@link SimBoard}. Opening
 * it switches the board on (as plugging in the adapter and the power supply would) unless made
 * with {@code powerOnOpen} false; closing it switches it off. {@link #bench()} offers the hands' part
 * (power, switches, SD card) to any face; {@link #board()} the whole board (faults, state) to tests and the CLI.
 */
public final class SimLink implements Link {

    private final PipeLink pipe;
    private final SimBoard board;
    private final boolean powerOnOpen;
    private final BoardBench bench;

    public SimLink(String name, int baud, SimBoard board) {
        this(name, baud, board, true);
    }

    /** {@code powerOnOpen} false: the board stays off until someone presses its power button. */
    public SimLink(String name, int baud, SimBoard board, boolean powerOnOpen) {
        this.board = board;
        this.powerOnOpen = powerOnOpen;
        this.bench = new BoardBench(board);
        this.pipe = new PipeLink(name, baud, board);
        board.attach(pipe);
    }

    public SimBoard board() {
        return board;
    }

    @Override
    public Optional<BenchControls> bench() {
        return Optional.of(bench);
    }

    @Override
    public String describe() {
        return pipe.describe();
    }

    @Override
    public void open(LinkListener listener) throws IOException {
        pipe.open(listener);
        if (powerOnOpen) {
            board.powerOn();
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        pipe.write(data, offset, length);
    }

    @Override
    public int baud() {
        return pipe.baud();
    }

    @Override
    public void setBaud(int baud) {
        pipe.setBaud(baud);
    }

    @Override
    public void sendBreak(int millis) {
        pipe.sendBreak(millis);
    }

    @Override
    public boolean isOpen() {
        return pipe.isOpen();
    }

    @Override
    public void close() {
        board.powerOff();
        pipe.close();
    }
}
