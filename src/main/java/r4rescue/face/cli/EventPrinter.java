package r4rescue.face.cli;

import java.io.PrintWriter;

import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Progress;

/** Prints a procedure's events as lines for the command line; transfer progress at most once a second. */
final class EventPrinter {
    private final PrintWriter out;
    private long lastProgress;

    EventPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(Event e) {
        switch (e.kind()) {
            case STEP -> out.println("== " + e.step() + ": " + e.message());
            case COMMAND -> out.println("   > " + e.message());
            case INFO -> out.println("   " + e.message());
            case WARNING -> out.println("   ! " + e.message());
            case STATE -> out.println("   Board: " + e.state());
            case PROGRESS -> {
                long now = System.currentTimeMillis();
                Progress p = e.progress();
                if (now - lastProgress < 1000 && p.done() < p.total()) {
                    return;
                }
                lastProgress = now;
                out.printf("   %,d / %,d bytes, %,.0f bytes/s, %.0f s left%n", p.done(), p.total(), p.bytesPerSecond(),
                        Math.max(0, p.secondsLeft()));
            }
            default -> { }
        }
        out.flush();
    }
}
