package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.nio.file.Path;

import javafx.scene.Node;
import javafx.scene.control.Label;
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

import r4rescue.face.fx.WindowFixture;

/**
 * One wizard flow from the keyboard alone (#22): Alt+P to the port, Enter connects, Alt+7 picks
 * "Check the adapter and wiring", Tab reaches the step's button and Space presses it, Alt+Home…
 * no mouse anywhere.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class KeyboardFlowWindowTest {

    @TempDir
    static Path dir;

    private final WizardHarness h = new WizardHarness();

    @Start
    void start(Stage stage) {
        h.start(stage, dir, 1024, 700);
    }

    @AfterEach
    void tearDown() {
        h.stop();
    }

    @Test
    void theAdapterCheckRunsWithKeysOnly(FxRobot robot) {
        waitFor(() -> "sim:healthy-nand".equals(h.vm.portProperty().get()), 5000, "the simulated board is offered");
        robot.push(KeyCode.ALT, KeyCode.P);
        waitFor(() -> "portPicker".equals(focused(robot)), 5000, "Alt+P focuses the port");
        assertFalse(h.vm.connectedProperty().get(), "Alt+P only goes to the field");
        robot.push(KeyCode.ENTER);
        waitFor(() -> h.wizardVm.benchProperty().get() != null, 10_000, "Enter in the port field connects");

        robot.push(KeyCode.ALT, KeyCode.DIGIT7);
        waitFor(() -> robot.lookup("#preflightListen").tryQuery().isPresent(), 5000, "Alt+7 starts the adapter check");
        tabTo(robot, "preflightListen");
        robot.push(KeyCode.SPACE);
        waitFor(() -> !text(robot, "#step-preflight-result").isEmpty(), 30_000, "the verdict");
        assertTrue(text(robot, "#step-preflight-result").contains("ready"), text(robot, "#step-preflight-result"));
    }

    /** Presses Tab until {@code id} has the focus (at most 80 times). */
    private static void tabTo(FxRobot robot, String id) {
        for (int i = 0; i < 80 && !id.equals(focused(robot)); i++) {
            robot.push(KeyCode.TAB);
        }
        assertEquals(id, focused(robot), "Tab reaches " + id);
    }

    private static String focused(FxRobot robot) {
        return WindowFixture.onFx(() -> {
            Node n = robot.listTargetWindows().stream().filter(w -> w.isFocused() && w.getScene() != null)
                    .map(w -> w.getScene().getFocusOwner()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            return n == null ? null : n.getId();
        });
    }

    private static String text(FxRobot robot, String id) {
        return WindowFixture.onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }
}
