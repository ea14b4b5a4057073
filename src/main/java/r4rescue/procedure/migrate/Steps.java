package r4rescue.procedure.migrate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import r4rescue.protocol.CancellationToken;
import r4rescue.protocol.shell.ShellDriver;

/**
 * Runs named, checked steps over one shell: reports each start, finish (with evidence) or failure
 * with the commands it sent, and checks for cancellation between steps.
 */
public final class Steps {

    /** A step's work; returns the evidence shown when it finished. */
    @FunctionalInterface
    public interface Work {
        String run() throws IOException, ProcedureException;
    }

    private final ShellDriver shell;
    private final Consumer<StepEvent> listener;
    private final CancellationToken cancel;
    private final List<StepEvent> history = new ArrayList<>();
    private List<String> current = new ArrayList<>();
    /** What the board is like if the next step is not run (said when cancelling or failing). */
    private String boardState = "unchanged";

    public Steps(ShellDriver shell, Consumer<StepEvent> listener, CancellationToken cancel) {
        this.shell = shell;
        this.listener = listener;
        this.cancel = cancel;
        shell.onSent(c -> current.add(c));
    }

    public ShellDriver shell() {
        return shell;
    }

    public CancellationToken cancel() {
        return cancel;
    }

    public List<StepEvent> history() {
        return history;
    }

    /** Records the board's state after a step that changed it, e.g. "NVMe partitioned, root untouched". */
    public void boardState(String state) {
        this.boardState = state;
    }

    public String boardState() {
        return boardState;
    }

    public String step(String name, Work work) throws ProcedureException, IOException {
        if (cancel.isCancelled()) {
            emit(new StepEvent(StepEvent.Kind.CANCELLED, name, "not started; board: " + boardState, List.of()));
            throw new ProcedureException(ProcedureException.Cause.CANCELLED, name, "Cancelled before " + name, boardState);
        }
        current = new ArrayList<>();
        emit(new StepEvent(StepEvent.Kind.STARTED, name, null, List.of()));
        try {
            String evidence = work.run();
            emit(new StepEvent(StepEvent.Kind.FINISHED, name, evidence, List.copyOf(current)));
            return evidence;
        } catch (ProcedureException e) {
            emit(new StepEvent(StepEvent.Kind.FAILED, name, e.getMessage(), List.copyOf(current)));
            throw e.step() == null ? new ProcedureException(e.kind(), name, e.getMessage(), boardState) : e;
        } catch (CancellationException e) {
            emit(new StepEvent(StepEvent.Kind.CANCELLED, name, e.getMessage(), List.copyOf(current)));
            throw new ProcedureException(ProcedureException.Cause.CANCELLED, name, e.getMessage(), boardState);
        } catch (IOException e) {
            emit(new StepEvent(StepEvent.Kind.FAILED, name, e.getMessage(), List.copyOf(current)));
            throw e;
        }
    }

    /** A failed check inside a step: the board said no. */
    public ProcedureException no(String message) {
        return new ProcedureException(ProcedureException.Cause.BOARD_SAID_NO, null, message, boardState);
    }

    /** Input refused before the board was touched. */
    public ProcedureException refuse(String message) {
        return new ProcedureException(ProcedureException.Cause.REFUSED, null, message, boardState);
    }

    private void emit(StepEvent e) {
        history.add(e);
        listener.accept(e);
    }
}
