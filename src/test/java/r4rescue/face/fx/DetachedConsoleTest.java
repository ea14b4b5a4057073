package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.WindowFixture.onFx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.console.StyledLine;

/**
 * The console in a window of its own: it keeps working there (typing, echo, lines arriving), the
 * main window says where it went, and closing that window or pressing Attach brings it back whole.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DetachedConsoleTest {

    private static final String PLACEHOLDER = "The console is in its own window.";

    @TempDir
    static Path logs;

    private final WindowFixture.EchoBoard board = new WindowFixture.EchoBoard();
    private MainViewModel vm;
    private MainView view;
    private Stage main;

    @Start
    void start(Stage stage) {
        main = stage;
        vm = WindowFixture.viewModel(board.links(), logs, 1000, WindowFixture.adapter("echo-board", "echo", "Test board"));
        view = new MainView(vm);
        WindowFixture.show(stage, vm, view, 1100, 700);
    }

    @AfterEach
    void tearDown() {
        vm.shutdown();
    }

    /** A stage shown without its scene stalls Monocle's rendering for good: fail instead of hanging the build. */
    @Test
    @Timeout(90)
    void detachedConsoleWorksInItsOwnWindowAndComesBackWhole(FxRobot robot) {
        waitFor(() -> "echo-board".equals(vm.portProperty().get()), "port preselected");
        robot.clickOn("#connectButton");
        waitFor(() -> vm.connectedProperty().get(), "connected");
        typeLine(robot, "before");
        waitFor(() -> has("echo: before"), "echo in the main window");

        // Detach: the pane moves to a stage of its own; the main window shows where it went.
        robot.clickOn("#detachConsole");
        waitFor(() -> view.consoleDetached(), "detached");
        Window own = consoleWindow();
        assertNotSame(main, own, "the console has its own window");
        assertTrue(own.isShowing());
        assertEquals("R4 Rescue — console", ((Stage) own).getTitle());
        assertSame(main, placeholderWindow(robot), "the placeholder is in the main window");
        assertEquals("Attach \u2199", robot.lookup("#detachConsole").queryAs(Button.class).getText());

        // There: typing and the echo, and lines the board sends by itself.
        typeLine(robot, "while detached");
        waitFor(() -> has("echo: while detached"), "echo in the detached window");
        byte[] unasked = "\r\nNOTICE:  BL2: arrived while detached\r\n".getBytes(StandardCharsets.US_ASCII);
        board.link.get().deliver(unasked, 0, unasked.length);
        waitFor(() -> has("NOTICE:  BL2: arrived while detached"), "a line arriving while detached shows");
        assertSame(own, consoleWindow(), "shown in the detached window");

        // Closing the console's window (as its close button does) puts the console back, content intact.
        List<String> before = texts();
        robot.interact(() -> {
            own.fireEvent(new WindowEvent(own, WindowEvent.WINDOW_CLOSE_REQUEST));
            ((Stage) own).close();
        });
        waitFor(() -> !view.consoleDetached(), "attached again");
        assertSame(main, consoleWindow(), "back in the main window");
        assertTrue(robot.lookup(PLACEHOLDER).tryQuery().isEmpty(), "the placeholder is gone");
        assertEquals(before, texts(), "every line is still there");
        assertEquals("Detach \u2197", robot.lookup("#detachConsole").queryAs(Button.class).getText());
        typeLine(robot, "after");
        waitFor(() -> has("echo: after"), "typing works after coming back");

        // Detach again, then the Attach button brings it back too.
        robot.clickOn("#detachConsole");
        waitFor(() -> view.consoleDetached(), "detached again");
        Window second = consoleWindow();
        assertNotSame(main, second);
        // Fired, not clicked: the console's window is centred over the main one and owned by it, so a
        // click at the button's screen point lands on whichever window Monocle holds on top, which
        // depends on the tests that ran before in the same JVM (it failed only in the full suite).
        Button attach = robot.lookup("#detachConsole").queryAs(Button.class);
        robot.interact(attach::fire);
        waitFor(() -> !view.consoleDetached() && !second.isShowing(), "Attach closes the console window");
        assertSame(main, consoleWindow());
        assertTrue(has("echo: before") && has("echo: while detached") && has("echo: after"), texts().toString());
        assertEquals("before\rwhile detached\rafter\r", board.received());
    }

    private void typeLine(FxRobot robot, String line) {
        robot.clickOn("#consoleInput").write(line);
        robot.type(KeyCode.ENTER);
    }

    private Window consoleWindow() {
        return onFx(() -> view.consolePane().getScene().getWindow());
    }

    private static Window placeholderWindow(FxRobot robot) {
        return onFx(() -> robot.lookup(PLACEHOLDER).queryAs(Label.class).getScene().getWindow());
    }

    private boolean has(String text) {
        return texts().contains(text);
    }

    private List<String> texts() {
        return onFx(() -> view.consolePane().shownLines().stream().map(StyledLine::text).toList());
    }

    private static void waitFor(java.util.function.BooleanSupplier c, String what) {
        WindowFixture.waitFor(c, 10_000, what);
    }
}
