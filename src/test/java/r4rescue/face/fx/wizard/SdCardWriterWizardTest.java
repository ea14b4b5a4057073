package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.nio.file.Path;

import javafx.scene.control.ComboBox;
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

import r4rescue.procedure.sdcard.BlockDisks;
import r4rescue.procedure.sdcard.LoopDevice;

/**
 * "Make the rescue SD card" writes the card from the window: the image picked, a loop device (a
 * bench device, so listed only once "Also list bench devices" is ticked) appears in the list,
 * Write, and the step ends with the card verified and "take it out and put it in the board".
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class SdCardWriterWizardTest {

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
    @SuppressWarnings("unchecked")
    void writesALoopDeviceEndToEnd(FxRobot robot) throws Exception {
        Path image = WizardHarness.rescueImage(dir);
        try (LoopDevice loop = LoopDevice.attach(dir, 80L << 20)) {
            click(robot, "#flowSd");
            robot.interact(() -> robot.lookup("#sdImagePath").queryTextInputControl().setText(image.toString()));
            ComboBox<BlockDisks.Disk> cards = robot.lookup("#sdCardDevice").queryAs(ComboBox.class);
            waitFor(() -> cards.getItems().stream().noneMatch(d -> d.path().equals(loop.device.toString())), 5000,
                    "a loop device is not offered as a card");
            click(robot, "#sdCardUnsafe");
            waitFor(() -> cards.getItems().stream().anyMatch(d -> d.path().equals(loop.device.toString())), 5000,
                    "the loop device is listed once bench devices are");
            robot.interact(() -> cards.setValue(cards.getItems().stream()
                    .filter(d -> d.path().equals(loop.device.toString())).findFirst().orElseThrow()));
            click(robot, "#writeSdCard");
            waitFor(() -> !text(robot, "#step-card-result").isEmpty(), 60_000, "write result");
            String result = text(robot, "#step-card-result");
            assertTrue(result.startsWith("Written and verified: 67,108,864 bytes to " + loop.device), result);
            assertTrue(result.contains("Ready: take it out and put it in the board."), result);
            String rate = h.wizard.currentStep().run().rateProperty().get();
            assertTrue(rate.startsWith("verify · 67,108,864 of 67,108,864 bytes"), rate);
        }
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
