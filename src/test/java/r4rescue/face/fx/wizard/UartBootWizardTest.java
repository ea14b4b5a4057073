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

import r4rescue.board.Boards;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.sim.BoardBench;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimImages;

/** The uart-only board (dead SD slot, NAND BL2 damaged) recovered through the window, over the serial line alone. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class UartBootWizardTest {

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
    void uartOnlyBoardBootsFromNandVerified(FxRobot robot) throws Exception {
        SimImages.export(dir);
        waitFor(() -> "sim:healthy-nand".equals(h.vm.portProperty().get()), 5000, "the simulated board is offered");
        robot.interact(() -> h.vm.portProperty().set("sim:uart-only"));
        click(robot, "#connectButton");
        waitFor(() -> h.wizardVm.benchProperty().get() != null, 10_000, "connected to the simulated board");
        SimBoard board = ((BoardBench) h.wizardVm.benchProperty().get()).board();
        waitFor(() -> h.consoleHas("System halt!"), 20_000, "the Boot ROM halts on the damaged NAND BL2");

        click(robot, "#flowUartBoot");
        robot.interact(() -> {
            robot.lookup("#uartRamBl2").queryTextInputControl().setText(dir.resolve(SimImages.RAM_BL2).toString());
            robot.lookup("#uartFip").queryTextInputControl().setText(dir.resolve(SimImages.SNAND_FIP).toString());
            robot.lookup("#uartNandBl2").queryTextInputControl().setText(dir.resolve(SimImages.SNAND_BL2).toString());
        });
        click(robot, "#uartStart");
        waitFor(() -> h.wizard.currentStep().run().statusProperty().get().contains("off and on now"), 20_000,
                "asked for the power cycle");
        robot.interact(board::powerCycle); // the bench's power button, while the handshake is being sent
        waitFor(() -> text(robot, "#uartHandshake").contains("the Boot ROM answered"), 30_000, "the live handshake indicator");
        waitFor(() -> h.wizard.currentStep().run().statusProperty().get().contains("boot from the NAND")
                || !text(robot, "#step-uartboot-result").isEmpty(), 120_000, "BL2 and FIP written; the program waits for the boot from the NAND");
        assertTrue(text(robot, "#step-uartboot-result").isEmpty(), text(robot, "#step-uartboot-result"));
        robot.interact(board::powerCycle); // the bench's power button, as the step asks
        waitFor(() -> !text(robot, "#step-uartboot-result").isEmpty(), 60_000, "the recovery to end");
        String result = text(robot, "#step-uartboot-result");
        assertTrue(result.contains("The board boots from the NAND, verified."), result);
        assertTrue(h.consoleHas("Received FIP"), "the same console showed BL2's download");
        assertTrue(Boards.R4.images().inspect(board.state().nand.raw.read(0, 0x80000)).kind() == ImageKind.BL2,
                "the NAND holds a BL2 again");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
