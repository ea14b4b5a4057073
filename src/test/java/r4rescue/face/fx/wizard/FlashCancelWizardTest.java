package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.Button;
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

import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.BoardState;
import r4rescue.sim.BoardBench;
import r4rescue.sim.SimBoard;

/**
 * Issue 14: Cancel pressed in the middle of the erase on the paced simulator. The window must show
 * what the board really holds, never the "Nothing written yet" said before the flash began.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class FlashCancelWizardTest {

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
    void cancelDuringTheBl2EraseFinishesBl2AndSaysTheFipIsAsItWas(FxRobot robot) throws Exception {
        SimBoard board = toFlashStep(robot);
        byte[] fipBefore = board.state().nand.volumes.get("fip").data.read(0, 40_000);
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 30_000, 141);
        cancelWhenTheBoardIs(robot, BoardState.Kind.PARTLY_CHANGED, 1);
        startFlash(robot, bl2, SyntheticImages.fip(10_000, 40_000, 142));
        String result = result(robot);
        assertEquals("Cancelled. BL2 is written and verified; the FIP is as it was.", result);
        assertEquals("Board: BL2 is written and verified; the FIP is as it was.", text(robot, "#step-writeNand-board"));
        assertFalse(result.contains("Nothing written yet"), result);
        for (long off : new long[] {0, 0x80000, 0x100000, 0x180000}) {
            assertArrayEquals(bl2, board.state().nand.raw.read(off, bl2.length), "BL2 copy at " + off + " finished");
        }
        assertArrayEquals(fipBefore, board.state().nand.volumes.get("fip").data.read(0, 40_000), "FIP as it was");
    }

    @Test
    void secondCancelDuringTheFipWriteSaysDamagedUseTheSdRescue(FxRobot robot) throws Exception {
        toFlashStep(robot);
        cancelWhenTheBoardIs(robot, BoardState.Kind.DAMAGED, 2);
        startFlash(robot, SyntheticImages.bl2(Medium.SNAND, 30_000, 143), SyntheticImages.fip(10_000, 40_000, 144));
        String result = result(robot);
        assertTrue(result.startsWith("Aborted on the second Cancel during 'Write'. Damaged:"), result);
        assertTrue(result.contains("rescued from the SD card"), result);
        assertFalse(result.contains("Nothing written yet"), result);
        assertTrue(text(robot, "#step-writeNand-board").startsWith("Board: Damaged: UBI volume fip"),
                text(robot, "#step-writeNand-board"));
        assertTrue(commands().contains("ubi write") && !commands().contains("ubi read"), "aborted after the write: " + commands());
    }

    /** A failure after the erase shows the procedure's state at the failure, never the "Nothing written yet" said before. */
    @Test
    void aReadBackMismatchAfterTheEraseSaysWhatTheBoardHolds(FxRobot robot) throws Exception {
        SimBoard board = toFlashStep(robot);
        board.faults().flashReadBackDiffers = true;
        startFlash(robot, SyntheticImages.bl2(Medium.SNAND, 30_000, 145), SyntheticImages.fip(10_000, 40_000, 146));
        String result = result(robot);
        assertTrue(result.startsWith("Read-back mismatch of the copy at 0x0"), result);
        assertTrue(result.contains("copies 2-4 still hold the old BL2, so the board still boots"), result);
        assertFalse(result.contains("Nothing written yet"), result);
    }

    /**
     * Presses the step's Cancel button {@code times} times the moment the step shows the board's
     * state turn to {@code kind} (said as the erase or write is sent). A robot's click would come
     * too late on a loaded machine: the paced board's NAND write is over in milliseconds.
     */
    private void cancelWhenTheBoardIs(FxRobot robot, BoardState.Kind kind, int times) {
        StepRun run = h.wizard.currentStep().run();
        Button cancel = robot.lookup("#step-writeNand-cancel").queryButton();
        robot.interact(() -> run.boardStateProperty().addListener((o, was, now) -> {
            if (now != null && now.kind() == kind && (was == null || was.kind() != kind)) {
                for (int i = 0; i < times; i++) {
                    cancel.fire();
                }
            }
        }));
    }

    /** Connects to the paced board, holds U-Boot through the Reflash flow and opens its flash step. */
    private SimBoard toFlashStep(FxRobot robot) {
        robot.interact(() -> h.vm.portProperty().set("sim:healthy-nand@paced"));
        click(robot, "#connectButton");
        waitFor(() -> h.wizardVm.benchProperty().get() != null, 10_000, "connected");
        robot.interact(() -> h.wizard.startFlow(WizardViewModel.Flow.REFLASH));
        click(robot, "#holdUboot");
        waitFor(() -> h.wizard.currentStep().run().statusProperty().get().contains("off and on now")
                || !text(robot, "#step-hold-result").isEmpty(), 30_000, "asks for a power cycle");
        if (text(robot, "#step-hold-result").isEmpty()) {
            click(robot, "#benchCycle");
        }
        waitFor(() -> !text(robot, "#step-hold-result").isEmpty(), 90_000, "U-Boot held");
        click(robot, "#wizardNext");
        return ((BoardBench) h.wizardVm.benchProperty().get()).board();
    }

    private void startFlash(FxRobot robot, byte[] bl2, byte[] fip) throws Exception {
        Path b = Files.write(dir.resolve("openwrt-bananapi_bpi-r4-snand-preloader.bin"), bl2);
        Path f = Files.write(dir.resolve("openwrt-bananapi_bpi-r4-snand-bl31-uboot.fip"), fip);
        robot.interact(() -> {
            robot.lookup("#bl2File").queryTextInputControl().setText(b.toString());
            robot.lookup("#fipFile").queryTextInputControl().setText(f.toString());
        });
        click(robot, "#flashFiles");
    }

    /** The flash step's result once it shows (the flash of two small files takes well under a minute when paced). */
    private static String result(FxRobot robot) {
        waitFor(() -> !text(robot, "#step-writeNand-result").isEmpty(), 180_000, "a result");
        return text(robot, "#step-writeNand-result");
    }

    private String commands() {
        return h.wizard.currentStep().run().commandsProperty().get();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
