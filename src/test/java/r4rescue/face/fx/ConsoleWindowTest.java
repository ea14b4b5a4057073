package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
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

import r4rescue.bench.WindowBench;
import r4rescue.console.StyledLine;
import r4rescue.link.LinkException;

/** The window against a far end that echoes lines, like U-Boot's prompt: type, see the reply, pull the cable. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {

    @TempDir
    static Path logs;

    private final WindowFixture.EchoBoard board = new WindowFixture.EchoBoard();
    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        MainViewModel.LinkFactory echo = board.links();
        vm = WindowFixture.viewModel((spec, baud) -> {
            if (spec.equals("/dev/ttyNOPE")) {
                throw new LinkException(LinkException.Reason.PERMISSION, "Permission denied on /dev/ttyNOPE",
                        "Add yourself to the dialout group", "sudo usermod -aG dialout $USER");
            }
            return echo.create(spec, baud);
        }, logs, 1000, WindowFixture.adapter("echo-board", "echo", "Test board"));
        view = new MainView(vm);
        WindowFixture.show(stage, vm, view, 1100, 700);
    }

    @AfterEach
    void tearDown() {
        vm.shutdown();
    }

    @Test
    void typeALineSeeTheReplyThenPullTheCable(FxRobot robot) throws Exception {
        assertNotNull(robot.lookup("#wizardSlot").query(), "the wizard has its slot");
        assertNotNull(robot.lookup("#timelineSlot").query(), "the timeline has its slot");
        waitFor(() -> "echo-board".equals(vm.portProperty().get()), "the likely adapter is preselected");

        robot.clickOn("#connectButton");
        waitFor(() -> vm.connectedProperty().get(), "connected");
        waitFor(() -> shown().stream().anyMatch(l -> l.marker() && l.text().contains("connected to echo-board")), "connect marker");

        robot.clickOn("#consoleInput").write("version");
        robot.type(KeyCode.ENTER);
        waitFor(() -> shown().stream().anyMatch(l -> l.text().equals("echo: version")), "the reply shows in the pane");
        waitFor(() -> shown().get(shown().size() - 1).text().equals("MT7988> "), "the prompt is the open last line");
        assertEquals("version\r", board.received());

        // history: Up brings the last line back
        robot.clickOn("#consoleInput").type(KeyCode.UP);
        assertEquals("version", robot.lookup("#consoleInput").queryTextInputControl().getText());
        robot.type(KeyCode.ENTER);
        robot.clickOn("#keyCTRL_C");
        robot.clickOn("#keyUP");
        waitFor(() -> board.received().equals("version\rversion\r\u0003\u001b[A"), "keys reach the board");

        // pull the cable
        board.link.get().disconnect("adapter unplugged");
        waitFor(() -> shown().stream().anyMatch(l -> l.marker() && l.text().contains("disconnected at")
                && l.text().contains("adapter unplugged")), "the disconnect is marked in the pane");
        String state = robot.lookup("#stateLabel").queryAs(Label.class).getText();
        assertTrue(state.startsWith("Disconnected"), state);
        // still responsive
        ToggleButton stamps = robot.lookup("#timestampsToggle").queryAs(ToggleButton.class);
        robot.clickOn(stamps);
        assertTrue(stamps.isSelected());
        assertTrue(vm.console().timestampsProperty().get());

        // the cable comes back
        board.link.get().reconnect();
        waitFor(() -> shown().stream().anyMatch(l -> l.marker() && l.text().contains("reconnected at")), "reconnect marked");

        robot.clickOn("#connectButton");
        waitFor(() -> !vm.connectedProperty().get() && !vm.busyProperty().get(), "disconnected on request");
        assertEquals("Connect", robot.lookup("#connectButton").queryAs(Button.class).getText());
    }

    @Test
    void anOpeningErrorShowsItsFix(FxRobot robot) throws Exception {
        robot.interact(() -> vm.portProperty().set("/dev/ttyNOPE"));
        robot.clickOn("#connectButton");
        waitFor(() -> robot.lookup("#problemBanner").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "the banner shows");
        assertEquals("Permission denied on /dev/ttyNOPE", robot.lookup("#problemMessage").queryAs(Label.class).getText());
        assertEquals("Add yourself to the dialout group", robot.lookup("#problemFix").queryAs(Label.class).getText());
        assertFalse(vm.connectedProperty().get());
        robot.clickOn("#problemCopyCommand");
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("sudo usermod -aG dialout $USER", copied[0]);
    }

    @Test
    void theLogsFolderOpensAndAboutShowsVersionAndLicence(FxRobot robot) throws Exception {
        AtomicReference<Path> opened = new AtomicReference<>();
        vm.setFolderOpener(p -> {
            opened.set(p);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        });
        robot.clickOn("#moreMenu");
        robot.clickOn("Open logs folder");
        waitFor(() -> opened.get() != null, "the logs folder is handed to the file manager");
        assertEquals(logs, opened.get());

        vm.setFolderOpener(p -> java.util.concurrent.CompletableFuture.failedFuture(new java.io.IOException("no file manager")));
        robot.clickOn("#moreMenu");
        robot.clickOn("Open logs folder");
        waitFor(() -> robot.lookup("#problemBanner").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "the failure shows");
        assertTrue(robot.lookup("#problemMessage").queryAs(Label.class).getText().contains("no file manager"));

        robot.clickOn("#moreMenu");
        robot.clickOn("About R4 Rescue");
        waitFor(() -> robot.lookup("#aboutBox").tryQuery().isPresent(), "the About box opens");
        javafx.scene.control.DialogPane about = robot.lookup("#aboutBox").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(about.getHeaderText().startsWith("R4 Rescue "), about.getHeaderText());
        assertTrue(about.getContentText().contains("Version"), about.getContentText());
        javafx.scene.control.TextArea licence = (javafx.scene.control.TextArea) about.getExpandableContent();
        assertTrue(licence.getText().contains("MIT"), "licence text shown");
        robot.interact(() -> ((javafx.stage.Stage) about.getScene().getWindow()).close());
    }

    @Test
    void findHighlightsAndCopyTakesTheText(FxRobot robot) throws Exception {
        robot.interact(() -> {
            byte[] b = "alpha\r\nbeta\r\ngamma beta\r\n".getBytes(StandardCharsets.US_ASCII);
            vm.console().assembler().feed(b, 0, b.length);
        });
        waitFor(() -> shown().size() == 3, "lines shown");
        robot.clickOn("#consoleInput");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#findBar").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "find bar opens on Ctrl+F");
        robot.write("beta").type(KeyCode.ENTER);
        waitFor(() -> vm.console().matchProperty().get() != null, "a match");
        assertEquals(1, vm.console().matchProperty().get().seq());
        robot.type(KeyCode.ENTER);
        waitFor(() -> vm.console().matchProperty().get().seq() == 2, "next match");
        assertFalse(vm.console().followingProperty().get(), "jumping to a match pauses the live view");
        assertTrue(robot.lookup("#liveButton").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        robot.clickOn("#liveButton");
        assertTrue(vm.console().followingProperty().get());
        robot.clickOn("#copyButton");
        String clip = WindowBench.onFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("alpha\nbeta\ngamma beta\n", clip);
    }

    @Test
    void streamIntoTheWindowLosesNothing() throws Exception {
        Stage stage = WindowBench.onFx(Stage::new);
        WindowBench.Result r = WindowBench.run(stage, 8, 150_000);
        r.figures().forEach(System.out::println);
        assertEquals(0, r.linesLost());
        assertEquals(0, r.linesWrong());
        assertTrue(r.viewMatchesModel(), "the list shows exactly the model's lines");
        assertEquals(r.bytesSent(), r.logBytes(), "the raw log has every byte");
        WindowBench.onFx(() -> {
            stage.close();
            return null;
        });
    }

    private List<StyledLine> shown() {
        return WindowFixture.onFx(() -> List.copyOf(view.consolePane().shownLines()));
    }

    private static void waitFor(BooleanSupplier c, String what) {
        WindowFixture.waitFor(c, 10_000, what);
    }
}
