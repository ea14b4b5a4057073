package r4rescue.face.fx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import r4rescue.board.BoardProfile;
import r4rescue.console.bootlog.BootLogData;
import r4rescue.console.bootlog.FixCatalog;
import r4rescue.link.LinkProvider;
import r4rescue.link.Links;

/**
 * Start-up work on background threads, so the window's first frame waits for less. While JavaFX
 * starts its toolkit, one thread loads and links (verifies) the classes the window will need, in
 * the order it needs them; it never initialises a class, as running JavaFX's static initialisers
 * here could deadlock against the FX thread or load JavaFX's default theme. After the first frame,
 * another reads the program's data (JSON through Jackson), before the user's first click needs
 * it. Nothing here touches JavaFX.
 */
public final class Preload {

    /** Class names in first-use order, written by the test tool {@code StartupClassList}. */
    static final String CLASS_LIST = "startup-classes.txt";
    /** System property: {@code false} skips the class list (to make it anew, or to measure what it saves). */
    static final String CLASSES_PROPERTY = "r4rescue.preloadClasses";

    private Preload() {
    }

    /** Starts linking the window's classes, unless the system property {@value #CLASSES_PROPERTY} is false. */
    public static void classes() {
        if (!"false".equals(System.getProperty(CLASSES_PROPERTY))) {
            daemon("preload-classes", Preload::linkClasses);
        }
    }

    /**
     * Starts reading the board profile the first tab shows, while JavaFX starts its toolkit: its JSON is the
     * first Jackson use, some 30 ms of the FX thread otherwise. The tab waits for it if it is not ready yet.
     */
    public static void boardProfile() {
        daemon("preload-board", () -> {
            try {
                BoardProfile.load(BoardProfile.DEFAULT_ID);
            } catch (RuntimeException e) {
                // the tab loads it again and reports the problem there
            }
        });
    }

    /** Starts reading the program's data; harmless if some is asked for sooner (it then loads once). */
    public static void data() {
        daemon("preload-data", () -> {
            try {
                BootLogData.standard();
                FixCatalog.standard();
                BoardProfile.load(BoardProfile.DEFAULT_ID).images();
                for (LinkProvider p : Links.providers()) {
                    p.preload();
                }
            } catch (IOException | RuntimeException e) {
                // the window loads what it needs itself and reports problems there
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    /** Loads and links each listed class; returns how many of them exist. */
    static int linkClasses() {
        ClassLoader loader = Preload.class.getClassLoader();
        int found = 0;
        try (InputStream in = Preload.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                return 0;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name; (name = r.readLine()) != null; ) {
                try {
                    // asking for its constructors makes the JVM link (and verify) the class, without initialising it
                    Class.forName(name, false, loader).getDeclaredConstructors();
                    found++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // the list is from an older build: a missing class only costs time
                }
            }
        } catch (IOException e) {
            // the classes then load when first used, as usual
        }
        return found;
    }
}
