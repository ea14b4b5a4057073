package r4rescue.face.fx;

import java.time.Duration;
import java.time.Instant;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * The window's first frame: work that need not hold it up runs just after it, and, for the start-up
 * benchmark, with the environment variable {@value #ENV}=1 the window prints {@code FIRST_FRAME_MS n}
 * (process start to the first frame laid out after showing) and {@code FIRST_FRAME_NANO_TIME t} (the
 * monotonic clock then) and exits.
 */
public final class FirstFrame {

    public static final String ENV = "R4RESCUE_FIRST_FRAME_EXIT";
    /** The line's start that carries {@link System#nanoTime()} at the first frame. */
    public static final String NANO_TIME = "FIRST_FRAME_NANO_TIME ";

    private FirstFrame() {
    }

    public static boolean requested() {
        return "1".equals(System.getenv(ENV));
    }

    /** Call before {@code stage.show()}. */
    public static void reportAndExit(Scene scene) {
        afterFirstFrame(scene, () -> {
            Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            System.out.println("FIRST_FRAME_MS " + Duration.between(start, Instant.now()).toMillis());
            // the monotonic clock, for a parent that noted it before starting us: the process start time above is
            // counted from the boot time Linux gives in whole seconds, so it can be up to a second late or early
            System.out.println(NANO_TIME + System.nanoTime());
            System.out.flush();
            Runtime.getRuntime().halt(0);
        });
    }

    /** Runs {@code work} once on the FX thread, just after the first layout pulse of {@code scene} (its first frame). */
    public static void afterFirstFrame(Scene scene, Runnable work) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(work);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
