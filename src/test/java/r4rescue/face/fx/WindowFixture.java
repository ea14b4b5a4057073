package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.testfx.util.WaitForAsyncUtils;

import atlantafx.base.theme.PrimerLight;

import r4rescue.bench.WindowBench;
import r4rescue.link.PipeLink;
import r4rescue.link.PortInfo;

/**
 * The set-up the window tests share: a view model whose port list is fixed, links that are pipes
 * to a far end the test plays (remembered, so it can speak or pull the cable), the window on a
 * stage with the light theme and the program's stylesheet, and waiting for a condition.
 */
public final class WindowFixture {

    private WindowFixture() {
    }

    /** A port the program ranks as a likely USB adapter, so it is preselected. */
    public static PortInfo adapter(String spec, String systemName, String description) {
        return new PortInfo(spec, systemName, description, -1, -1, null, null, true);
    }

    /** A port watch that offers {@code ports} once. */
    public static PortWatch fixedPorts(List<PortInfo> ports) {
        return new PortWatch() {
            @Override
            public void start(Consumer<List<PortInfo>> onChange) {
                onChange.accept(ports);
            }

            @Override
            public void stop() {
            }
        };
    }

    public static MainViewModel viewModel(MainViewModel.LinkFactory links, Path logs, int scrollback, PortInfo... ports) {
        return new MainViewModel(links, fixedPorts(List.of(ports)), logs, scrollback);
    }

    /** Links that are pipes to {@code peer}; {@code last} holds the latest one. */
    public static MainViewModel.LinkFactory pipes(AtomicReference<PipeLink> last, PipeLink.Peer peer) {
        return (spec, baud) -> {
            PipeLink l = new PipeLink(spec, baud, peer);
            last.set(l);
            return l;
        };
    }

    /** {@code view} as the stage's scene (light theme, the program's stylesheet), shown, with the port watch started. */
    public static Scene show(Stage stage, MainViewModel vm, Parent view, double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(R4RescueApp.stylesheet());
        stage.setScene(scene);
        stage.show();
        vm.startPortWatch();
        return scene;
    }

    /** Runs {@code c} on the FX thread and returns its value. */
    public static <T> T onFx(Callable<T> c) {
        try {
            return WindowBench.onFx(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code cond} holds (letting the FX thread work), or fails naming {@code what}. */
    public static void waitFor(BooleanSupplier cond, long timeoutMs, String what) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            WaitForAsyncUtils.waitForFxEvents();
            if (cond.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("not within " + timeoutMs / 1000.0 + " s: " + what);
    }

    /**
     * A far end like U-Boot's prompt: answers every CR-ended line with {@code echo: LINE} and the
     * prompt {@code MT7988> }, from a thread of its own, and keeps every byte it was sent.
     */
    public static final class EchoBoard implements PipeLink.Peer {

        public final AtomicReference<PipeLink> link = new AtomicReference<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final StringBuilder line = new StringBuilder();

        public MainViewModel.LinkFactory links() {
            return pipes(link, this);
        }

        @Override
        public void onHostBytes(byte[] d, int o, int n) {
            synchronized (received) {
                received.write(d, o, n);
            }
            for (int i = o; i < o + n; i++) {
                if (d[i] == '\r') {
                    say("\r\necho: " + line + "\r\nMT7988> ");
                    line.setLength(0);
                } else {
                    line.append((char) d[i]);
                }
            }
        }

        /** The board prints {@code text} (from its own thread, as a board would). */
        public void say(String text) {
            PipeLink l = link.get();
            new Thread(() -> {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                l.deliver(b, 0, b.length);
            }).start();
        }

        /** Everything the host sent so far. */
        public String received() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
