package r4rescue.face.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code src/main/resources/r4rescue/face/fx/startup-classes.txt} ({@link Preload}): the
 * classes the window loads from the moment it builds its view until its first frame, in that order.
 * It starts the packaged jar with the class-load log on and {@link FirstFrame}'s exit, so it needs a
 * display (xvfb-run) and {@code target/r4-rescue.jar}. Run again when the window changes a lot
 * ({@code StartupClassListTest} fails when too much of the list has gone stale).
 */
public final class StartupClassList {

    static final Path FILE = Path.of("src/main/resources/r4rescue/face/fx", Preload.CLASS_LIST);
    /** The first class the window's start() loads: the list begins there. */
    static final String FIRST = MainViewModel.class.getName();

    private StartupClassList() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("class-load", ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xlog:class+load=info:file=" + log,
                "-D" + Preload.CLASSES_PROPERTY + "=false", "-jar", "target/r4-rescue.jar")
                .inheritIO();
        pb.environment().put(FirstFrame.ENV, "1");
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("the window did not start");
        }
        List<String> names = fromLog(Files.readAllLines(log));
        Files.delete(log);
        Files.write(FILE, names);
        System.out.println(names.size() + " classes written to " + FILE);
    }

    /** The named classes (no lambdas or other hidden classes) from {@link #FIRST} on, each once. */
    static List<String> fromLog(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        boolean started = false;
        for (String line : lines) {
            // [0.396s][info][class,load] r4rescue.face.fx.MainView source: jar:file:...
            int at = line.indexOf("] ");
            int end = line.indexOf(" source: ");
            if (at < 0 || end < 0) {
                continue;
            }
            String name = line.substring(line.lastIndexOf("] ", end) + 2, end);
            started |= name.equals(FIRST);
            // Jackson is left out: the preload thread reads the data with it right after the list
            if (started && !name.startsWith("com.fasterxml.") && !name.contains("$$") && !name.contains("/") && !line.contains("source: __")) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }
}
