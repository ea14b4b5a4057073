package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** #18: a window session records what is sent beside its log, so "Save transcript" has the steps, as the CLI's do. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class WindowSessionStepsTest {

    @TempDir
    static Path logs;

    private final WindowFixture.EchoBoard board = new WindowFixture.EchoBoard();
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        vm = WindowFixture.viewModel(board.links(), logs, 1000, WindowFixture.adapter("echo-board", "echo", "Test board"));
        WindowFixture.show(stage, vm, new MainView(vm), 1100, 700);
    }

    @AfterEach
    void tearDown() {
        vm.shutdown();
    }

    @Test
    void whatTheWindowSendsIsInTheSessionsStepsFile(FxRobot robot) {
        WindowFixture.waitFor(() -> "echo-board".equals(vm.portProperty().get()), 10_000, "adapter preselected");
        robot.clickOn("#connectButton");
        WindowFixture.waitFor(() -> vm.connectedProperty().get(), 10_000, "connected");
        robot.clickOn("#consoleInput").write("printenv bootargs");
        robot.type(KeyCode.ENTER);
        WindowFixture.waitFor(() -> steps().contains("printenv bootargs"), 10_000, "the typed line in the steps file: " + steps());
        assertTrue(steps().contains("\"command\":\"window\""), steps());
    }

    private static String steps() {
        try (Stream<Path> s = Files.walk(logs)) {
            Path f = s.filter(p -> p.toString().endsWith(".steps.jsonl")).findFirst().orElse(null);
            return f == null ? "" : Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }
}
