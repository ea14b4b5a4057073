package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.nio.file.Path;

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

/** Flows start from the keyboard; Cancel says the board's state. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class WindowBasicsTest {

    @TempDir
    static Path dir;

    private final WizardHarness h = new WizardHarness();

    @Start
    void start(Stage stage) {
        h.start(stage, dir, 1280, 720);
    }

    @AfterEach
    void tearDown() {
        h.stop();
    }

    @Test
    void flowsStartFromTheKeyboardAndCancelSaysTheBoardsState(FxRobot robot) {
        robot.interact(() -> h.vm.portProperty().set("sim:healthy-nand"));
        click(robot, "#connectButton");
        waitFor(() -> h.wizardVm.benchProperty().get() != null, 10_000, "connected");
        waitFor(() -> h.consoleHas("activate this console"), 20_000, "Linux up: no U-Boot prompt to attach to");
        robot.press(KeyCode.ALT).press(KeyCode.DIGIT3).release(KeyCode.DIGIT3).release(KeyCode.ALT);
        waitFor(() -> h.wizard.currentStep() != null && h.wizard.currentStep().getId().equals("step-hold"), 5000,
                "Alt+3 starts Repair bootargs");
        click(robot, "#holdUboot");
        waitFor(() -> h.wizard.currentStep().run().stateProperty().get() == StepRun.State.RUNNING, 5000, "running");
        // the board boots on by itself into Linux; waiting for a power cycle that never comes, the user cancels
        waitFor(() -> h.wizard.currentStep().run().statusProperty().get().contains("off and on now"), 20_000, "asks for a power cycle");
        click(robot, "#step-hold-cancel");
        waitFor(() -> h.wizard.currentStep().run().stateProperty().get() == StepRun.State.CANCELLED, 10_000, "cancelled");
        String r = robot.lookup("#step-hold-result").queryAs(Label.class).getText();
        assertTrue(r.startsWith("Cancelled.") && r.contains("Nothing was changed"), r);
    }
}
