package r4rescue.face.fx;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import r4rescue.link.PipeLink;

/**
 * Dev-only: the window with a board that replays corpus logs line by line at a boot's pace, to look
 * at the timeline and the diagnosis card. Arguments: log names from the corpus (or paths);
 * -Dreplay.lineMs=30 sets the pace, -Dreplay.dark=true the dark theme.
 */
public final class ReplayCorpus {

    private ReplayCorpus() {
    }

    /** Not an Application itself: the JavaFX launcher then works from a plain class path. */
    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The replay window. */
    public static final class Window extends Application {

    private final AtomicReference<PipeLink> link = new AtomicReference<>();

    @Override
    public void start(Stage stage) throws Exception {
        MainViewModel vm = WindowFixture.viewModel(WindowFixture.pipes(link, (d, o, n) -> { }),
                Files.createTempDirectory("replay-logs"), 10_000, WindowFixture.adapter("replay", "pipe", "Corpus replay"));
        boolean dark = Boolean.getBoolean("replay.dark");
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        MainView view = new MainView(vm);
        view.showTheme(dark);
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(R4RescueApp.stylesheet());
        stage.setScene(scene);
        stage.setTitle("R4 Rescue (replay)");
        stage.show();
        vm.startPortWatch();
        vm.connect();
        List<String> logs = getParameters().getRaw();
        long lineMs = Long.getLong("replay.lineMs", 30);
        Thread t = new Thread(() -> replay(logs, lineMs), "replay");
        t.setDaemon(true);
        t.start();
        stage.setOnCloseRequest(e -> vm.shutdown());
    }

    private void replay(List<String> logs, long lineMs) {
        try {
            while (link.get() == null || !link.get().isOpen()) {
                Thread.sleep(50);
            }
            for (String name : logs) {
                byte[] raw;
                try (InputStream in = name.contains("/") ? Files.newInputStream(java.nio.file.Path.of(name))
                        : ReplayCorpus.class.getResourceAsStream("/r4rescue/bootlog/corpus/" + name)) {
                    raw = in.readAllBytes();
                }
                int start = 0;
                for (int i = 0; i < raw.length; i++) {
                    if (raw[i] == '\n' || i == raw.length - 1) {
                        link.get().deliver(raw, start, i + 1 - start);
                        start = i + 1;
                        Thread.sleep(lineMs);
                    }
                }
                Thread.sleep(3000);
            }
        } catch (Exception e) {
            Platform.runLater(() -> System.err.println("replay stopped: " + e));
        }
    }
    }
}
