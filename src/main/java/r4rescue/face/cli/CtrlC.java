package r4rescue.face.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import r4rescue.procedure.core.Cancel;
import r4rescue.util.Texts;

/**
 * Ctrl-C while a procedure runs: each SIGINT is one cancel request (the first stops at the next
 * safe point, the second aborts), and the command ends with its own exit code and report.
 * <p>
 * {@code sun.misc.Signal} (module jdk.unsupported, already in the packaged runtime) rather than a
 * shutdown hook: a hook runs only once the JVM is already exiting, so it cannot let a write finish,
 * cannot see a second Ctrl-C and cannot choose the exit code. The JDK has no supported API for
 * catching SIGINT; where the handler cannot be installed (a JVM started with -Xrs) Ctrl-C keeps
 * its default meaning.
 * <p>
 * A process has one SIGINT handler, but {@code each} runs several procedures at once: every open
 * CtrlC is registered here and one signal reaches all of them, each reporting its own state.
 */
final class CtrlC implements AutoCloseable {

    private static final Signal INT = new Signal("INT");
    private static final Set<CtrlC> OPEN = new LinkedHashSet<>();
    private static SignalHandler previous;
    private static boolean installed;

    private final Runnable onSignal;

    CtrlC(Cancel cancel, PrintWriter err) {
        this(() -> {
            cancel.request();
            err.println(Texts.t(cancel.abortNow() ? "cli.ctrlc.abort" : "cli.ctrlc.stop"));
            err.flush();
        });
    }

    /** Runs {@code onSignal} on every Ctrl-C until closed. */
    CtrlC(Runnable onSignal) {
        this.onSignal = onSignal;
        synchronized (OPEN) {
            if (OPEN.isEmpty()) {
                try {
                    previous = Signal.handle(INT, s -> signalled());
                    installed = true;
                } catch (IllegalArgumentException e) {
                    installed = false;
                }
            }
            OPEN.add(this);
        }
    }

    private static void signalled() {
        List<CtrlC> now;
        synchronized (OPEN) {
            now = new ArrayList<>(OPEN);
        }
        now.forEach(c -> c.onSignal.run());
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (OPEN.remove(this) && OPEN.isEmpty() && installed) {
                Signal.handle(INT, previous);
                installed = false;
            }
        }
    }
}
