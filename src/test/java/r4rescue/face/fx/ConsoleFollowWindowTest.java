package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console follows the board from the first line: a burst at connect and another after a power
 * cycle both end with the newest line on screen, though the user never scrolled (#22: connecting
 * mid-boot, 131 lines arrived and the view stayed on the first one).
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class ConsoleFollowWindowTest {

    @TempDir
    static Path logs;

    private final WindowFixture.EchoBoard board = new WindowFixture.EchoBoard();
    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        vm = WindowFixture.viewModel(board.links(), logs, 1000, WindowFixture.adapter("echo-board", "echo", "Test board"));
        view = new MainView(vm);
        WindowFixture.show(stage, vm, view, 1100, 700);
    }

    @AfterEach
    void tearDown() {
        vm.shutdown();
    }

    @Test
    void aBurstAtConnectAndAnotherAfterAPowerCycleEndOnTheNewestLine(FxRobot robot) {
        WindowFixture.waitFor(() -> "echo-board".equals(vm.portProperty().get()), 10_000, "adapter preselected");
        robot.clickOn("#connectButton");
        WindowFixture.waitFor(() -> vm.connectedProperty().get(), 10_000, "connected");

        board.say(burst("boot-1", 500));
        WindowFixture.waitFor(() -> lastShown().equals("boot-1 line 500"), 10_000, "the burst's last line reaches the pane");
        WindowFixture.waitFor(() -> lastVisible().equals("boot-1 line 500"), 5_000,
                "the newest line is on screen (shown: " + lastVisible() + ")");

        board.say("\r\nF0: 102B 0000\r\n" + burst("boot-2", 300)); // the Boot ROM's first line: a power cycle
        WindowFixture.waitFor(() -> lastShown().equals("boot-2 line 300"), 10_000, "the second burst arrives");
        WindowFixture.waitFor(() -> lastVisible().equals("boot-2 line 300"), 5_000,
                "still following after the power cycle (shown: " + lastVisible() + ")");
        assertTrue(vm.console().followingProperty().get(), "following was never paused");
    }

    private static String burst(String tag, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(tag).append(" line ").append(i).append("\r\n");
        }
        return sb.toString();
    }

    private String lastShown() {
        return WindowFixture.onFx(() -> {
            var lines = view.consolePane().shownLines();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).text().isEmpty()) {
                    return lines.get(i).text();
                }
            }
            return "";
        });
    }

    /** The text of the lowest non-empty line the user can see. */
    private String lastVisible() {
        return WindowFixture.onFx(() -> {
            VirtualFlow<?> flow = (VirtualFlow<?>) view.consolePane().lookup(".virtual-flow");
            IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
            var lines = view.consolePane().shownLines();
            if (last == null) {
                return "";
            }
            for (int i = Math.min(last.getIndex(), lines.size() - 1); i >= 0; i--) {
                if (!lines.get(i).text().isEmpty()) {
                    return lines.get(i).text();
                }
            }
            return "";
        });
    }
}
