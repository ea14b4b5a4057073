package r4rescue.procedure.steps;

import r4rescue.procedure.core.Progress;

/**
 * What a procedure tells its user while it works: sentences, the exact commands it sends, and
 * progress of long work. Called on the procedure's thread; implementations hand over to their UI.
 */
public interface StepListener {

    StepListener NONE = new StepListener() {
    };

    /** A sentence for the user: what is happening or what was found. */
    default void say(String message) {
    }

    /** A command line exactly as sent to the board (shown under "Commands"). */
    default void command(String line) {
    }

    /** Long work: {@code done} of {@code total} units (bytes), {@code what} names it. */
    default void progress(String what, long done, long total) {
    }

    /** Long work whose figures the procedure works out itself (e.g. estimated from what the board prints). */
    default void progress(Progress p) {
        progress(p.what(), p.done(), p.total());
    }
}
