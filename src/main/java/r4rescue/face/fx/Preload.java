package r4rescue.face.fx;

import r4rescue.board.BoardData;
import r4rescue.board.ImageInspector;
import r4rescue.console.bootlog.BootLogData;
import r4rescue.sim.ScenarioBuilder;

/**
 * Reads the program's data (JSON through Jackson) on a second thread while JavaFX starts its
 * toolkit, so the window's first frame does not wait for it. Nothing here touches JavaFX.
 */
public final class Preload {

    private Preload() {
    }

    /** Starts the background read; harmless if the data is asked for sooner (it then loads once). */
    public static void start() {
        Thread t = new Thread(() -> {
            try {
                BootLogData.standard();
                BoardData.standard();
                ImageInspector.standard();
                if (ScenarioBuilder.BUILT_IN.length == 0) {
                    throw new IllegalStateException("no built-in scenarios");
                }
            } catch (RuntimeException e) {
                // the window loads what it needs itself and reports problems there
            }
        }, "preload");
        t.setDaemon(true);
        t.start();
    }
}
