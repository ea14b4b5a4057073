package r4rescue.procedure.core;

import java.util.concurrent.CancellationException;

import r4rescue.protocol.CancellationToken;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.util.Message;

/**
 * A {@link Procedure} that works over one Linux shell on the board: every command the shell sends
 * is said as a COMMAND event, a step's evidence (what it found) as INFO, and a transfer stopped by
 * the user's cancel ends as a CANCELLED stop with the board's state.
 */
public final class ShellProcedure {

    private final Procedure procedure;
    private final ShellDriver shell;

    public ShellProcedure(ShellDriver shell, Procedure procedure) {
        this.shell = shell;
        this.procedure = procedure;
        shell.onSent(procedure::command);
    }

    public ShellDriver shell() {
        return shell;
    }

    public Procedure procedure() {
        return procedure;
    }

    /** A step with a typed result; it says its own evidence with {@link Procedure#info}. */
    public <T> T step(String label, Procedure.Body<T> body) throws Stopped {
        return step(Stopped.said(label), body);
    }

    public <T> T step(Message label, Procedure.Body<T> body) throws Stopped {
        return procedure.step(label, label.text(), () -> {
            try {
                return body.run();
            } catch (CancellationException e) {
                throw new Stopped(Stopped.Kind.CANCELLED, label, Message.of("proc.cancelledDuring", label,
                        procedure.state().message()), procedure.state(), e);
            }
        });
    }

    /** A step whose result is its evidence: said as INFO when it ends, and returned. */
    public String check(String label, Procedure.Body<String> body) throws Stopped {
        return check(Stopped.said(label), body);
    }

    public String check(Message label, Procedure.Body<String> body) throws Stopped {
        String evidence = step(label, body);
        procedure.info(evidence == null ? "" : evidence);
        return evidence;
    }

    /** What a step found, for the user. */
    public void info(String evidence) {
        procedure.info(evidence);
    }

    /** The board changed (or is about to). */
    public void state(BoardState s) {
        procedure.state(s);
    }

    /** A safe point inside a step: stops there if the user asked and the board's state allows it. */
    public void checkpoint() throws Stopped {
        procedure.checkpoint();
    }

    /** A protocol-level token for transfers, set by the user's cancel. */
    public CancellationToken token() {
        return procedure.cancel().token();
    }

    /** A failed check inside a step: the board said no. */
    public Stopped no(String message) {
        return procedure.failed(message, null);
    }

    public Stopped no(Message message) {
        return procedure.failed(message, null);
    }

    /** Refused before the board was changed by this step. */
    public Stopped refuse(String message) {
        return procedure.refused(message);
    }

    public Stopped refuse(Message message) {
        return procedure.refused(message);
    }
}
