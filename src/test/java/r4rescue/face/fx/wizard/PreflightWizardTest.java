package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** "Check the adapter" in the window: the simulated board, power-cycled by the page, is ready. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class PreflightWizardTest {

    @TempDir
    static Path dir;

    private final WizardHarness h = new WizardHarness();

    @Start
    void start(Stage stage) {
        h.start(stage, dir, 1280, 800);
    }

    @AfterEach
    void tearDown() {
        h.stop();
    }

    @Test
    void listeningToTheSimulatedBoardSaysReady(FxRobot robot) {
        waitFor(() -> "sim:healthy-nand".equals(h.vm.portProperty().get()), 5000, "the simulated board is offered");
        click(robot, "#connectButton");
        waitFor(() -> h.wizardVm.benchProperty().get() != null, 10_000, "connected to the simulated board");
        click(robot, "#flowPreflight");
        click(robot, "#preflightListen");
        waitFor(() -> !text(robot, "#step-preflight-result").isEmpty(), 30_000, "the verdict");
        String result = text(robot, "#step-preflight-result");
        assertTrue(result.contains("ready"), result);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
