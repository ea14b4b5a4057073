package r4rescue.face.cli;

import java.io.PrintWriter;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import r4rescue.procedure.core.Cancel;

/**
 * Ctrl-C while a procedure runs: each SIGINT is one cancel request (the first stops at the next
 * safe point, the second aborts), and the command ends with its own exit code and report.
 * <p>
 * {@code sun.misc.Signal} (module jdk.unsupported, already in the packaged runtime) rather than a
 * shutdown hook: a hook runs only once the JVM is already exiting, so it cannot let a write finish,
 * cannot see a second Ctrl-C and cannot choose the exit code. The JDK has no supported API for
 * catching SIGINT; where the handler cannot be installed (a JVM started with -Xrs) Ctrl-C keeps
 * its default meaning.
 */
final class CtrlC implements AutoCloseable {

    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;

    CtrlC(Cancel cancel, PrintWriter err) {
        SignalHandler was;
        try {
            was = Signal.handle(INT, s -> {
                cancel.request();
                err.println(cancel.abortNow()
                        ? "^C again: aborting at the next command; the flash may be left damaged."
                        : "^C: stopping at the next safe point (a write under way is finished and read back first;"
                                + " Ctrl-C again aborts it).");
                err.flush();
            });
        } catch (IllegalArgumentException e) {
            was = null;
        }
        previous = was;
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
