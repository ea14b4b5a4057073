package r4rescue.procedure.core;

import java.util.function.Consumer;

import r4rescue.util.Message;

/**
 * The runtime every procedure runs on: it tells its listener what happens (steps, the exact
 * commands, facts, warnings, progress, the board's state), keeps the board's latest state, and
 * honours the user's {@link Cancel} at safe points.
 *
 * <pre>
 *   Procedure p = new Procedure(events::add, cancel);
 *   long crc = p.step("Compare the CRC", "Comparing U-Boot's CRC-32 with the file's", () -> board.crc32(a, n));
 *   p.state(BoardState.damaged("BL2 copy 1 is being erased …"));   // before the erase is sent
 * </pre>
 * A first cancel request stops at the next {@link #checkpoint()} while the state is safe to stop at
 * (untouched or verified); while it is not (an erase has begun), the work goes on to its next
 * verified state, and only a second request stops it there and then.
 */
public final class Procedure {

    /** A step's work; returns its typed result. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    private final Consumer<Event> listener;
    private final Cancel cancel;
    private volatile BoardState state;
    private volatile Message step = Stopped.said("");
    private volatile Journal journal;
    private volatile boolean stepOpen;

    public Procedure(Consumer<Event> listener, Cancel cancel) {
        this(listener, cancel, BoardState.untouched(Message.of("proc.state.nothingChanged")));
    }

    public Procedure(Consumer<Event> listener, Cancel cancel, BoardState initial) {
        this.listener = listener;
        this.cancel = cancel;
        this.state = initial;
    }

    /**
     * Keeps a write-ahead {@link Journal} of this run from now on: each step's intent before it sends
     * anything, its outcome when the next step begins (or the work ends), each state before its command.
     * A journal that fails to write is told as a warning and dropped; the procedure goes on.
     */
    public Procedure journal(Journal j) {
        j.onWarning(this::warn);
        this.journal = j;
        return this;
    }

    /** The journal kept, or null. */
    public Journal journal() {
        return journal;
    }

    public Cancel cancel() {
        return cancel;
    }

    /** The board's latest state. */
    public BoardState state() {
        return state;
    }

    /** The board changed (or is about to): said at once, so any stop after this reports it. */
    public void state(BoardState s) {
        state = s;
        Journal j = journal;
        if (j != null) {
            j.state(s);
        }
        listener.accept(new Event(Event.Kind.STATE, step.text(), s.words(), null, s, step.key()));
    }

    /** The step now running, in the user's language. */
    public String currentStep() {
        return step.text();
    }

    /** The step now running, as a Message (for a stop's English name in {@code --json}). */
    public Message currentStepMessage() {
        return step;
    }

    /** A step begins: stops first if the user asked and stopping is safe. */
    public void step(String label, String message) throws Stopped {
        step(Stopped.said(label), message);
    }

    public void step(Message label, String message) throws Stopped {
        checkpoint();
        begin(label, message);
    }

    private void begin(Message label, String message) {
        Journal j = journal;
        if (j != null) {
            if (stepOpen) {
                j.outcome(step.text(), "done");
            }
            j.intent(label.text(), message);
        }
        stepOpen = true;
        step = label;
        listener.accept(new Event(Event.Kind.STEP, label.text(), message, null, null, label.key()));
    }

    /** The last step, after the work is verified: nothing is left to stop, so no cancel is looked at. */
    public void done(String label, String message) {
        done(Stopped.said(label), message);
    }

    public void done(Message label, String message) {
        begin(label, message);
        Journal j = journal;
        if (j != null) {
            j.outcome(label.text(), "done");
        }
        stepOpen = false;
    }

    /**
     * The run is over: its journal (if any) gets its last record and is closed. {@code stopped} is
     * null when the work ended as planned.
     */
    public void finish(Stopped stopped) {
        Journal j = journal;
        if (j == null) {
            return;
        }
        if (stopped == null) {
            j.end("done", state, null);
        } else {
            j.end(stopped.kind().name().toLowerCase(java.util.Locale.ROOT), stopped.state(), stopped.english());
        }
    }

    /** A step with a typed result; a failure underneath becomes a {@link Stopped} with the board's state. */
    public <T> T step(String label, String message, Body<T> body) throws Stopped {
        return step(Stopped.said(label), message, body);
    }

    public <T> T step(Message label, String message, Body<T> body) throws Stopped {
        step(label, message);
        try {
            T result = body.run();
            Journal j = journal;
            if (j != null) {
                j.outcome(label.text(), "done");
            }
            stepOpen = false;
            return result;
        } catch (Stopped s) {
            throw s;
        } catch (Exception e) {
            throw failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /**
     * A safe point: stops if the user asked and the board's state is safe to leave (untouched or
     * verified), or at once if they asked twice.
     */
    public void checkpoint() throws Stopped {
        if (!cancel.requested()) {
            return;
        }
        BoardState s = state;
        if (s.safeToStop()) {
            throw new Stopped(Stopped.Kind.CANCELLED, step, Message.of("proc.cancelled", s.message()), s, null);
        }
        if (cancel.abortNow()) {
            throw new Stopped(Stopped.Kind.CANCELLED, step, Message.of("proc.abortedOnSecondCancel", step,
                    s.message()), s, null);
        }
    }

    /** A line of the current step, carrying its id. */
    private void say(Event.Kind kind, String line) {
        listener.accept(new Event(kind, step.text(), line, null, null, step.key()));
    }

    public void command(String line) {
        say(Event.Kind.COMMAND, line);
    }

    public void info(String message) {
        say(Event.Kind.INFO, message);
    }

    public void warn(String message) {
        say(Event.Kind.WARNING, message);
    }

    public void progress(Progress p) {
        listener.accept(new Event(Event.Kind.PROGRESS, step.text(), p.text(), p, null, step.key()));
    }

    /** The board said no or stopped answering in the current step; the state is the latest. */
    public Stopped failed(String message, Throwable cause) {
        return failed(Stopped.said(message), cause);
    }

    public Stopped failed(Message message, Throwable cause) {
        return new Stopped(Stopped.kindOf(cause), step, message, state, cause);
    }

    /** Refused before the board was changed. */
    public Stopped refused(String message) {
        return refused(Stopped.said(message));
    }

    public Stopped refused(Message message) {
        return new Stopped(Stopped.Kind.REFUSED, step, message, state, null);
    }
}
