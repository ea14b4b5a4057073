package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.nio.file.Path;

import javafx.scene.control.CheckBox;
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

import r4rescue.board.BoardProfile;
import r4rescue.board.Boards;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.sim.BoardBench;
import r4rescue.sim.SimBoard;
import r4rescue.sim.state.UbiVolume;

/**
 * A bl2-corrupt board brought back through the window: connect, the proposal, the card check,
 * the switches and power on the bench, the card's menu install with read-back, and the NAND boot;
 * then carried on to its blank eMMC from the NAND's menu, and the eMMC boot.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class SdUnbrickWizardTest {

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
    void bl2CorruptBoardBootsFromNandAgainWithVerifiedImages(FxRobot robot) throws Exception {
        waitFor(() -> "sim:healthy-nand".equals(h.vm.portProperty().get()), 5000,
                "the simulated board is offered first when no USB adapter is present");
        robot.interact(() -> h.vm.portProperty().set("sim:bl2-corrupt"));
        click(robot, "#connectButton");
        waitFor(() -> h.wizardVm.benchProperty().get() != null, 10_000, "connected to the simulated board");
        SimBoard board = ((BoardBench) h.wizardVm.benchProperty().get()).board();
        BoardProfile data = Boards.R4;
        assertNotEquals(ImageKind.BL2, Boards.R4.images().inspect(board.state().nand.raw.read(0, 0x80000)).kind(),
                "the scenario starts with a damaged BL2");

        // The board's own words propose the fix.
        waitFor(() -> h.wizardVm.proposalProperty().get() != null, 20_000, "a proposal");
        String proposal = robot.lookup("#proposalText").queryAs(Label.class).getText();
        assertTrue(proposal.contains("Unbrick through the SD card"), proposal);
        click(robot, "#proposedFlow");

        // 1. the rescue card: the image file is checked.
        Path image = WizardHarness.rescueImage(dir);
        robot.interact(() -> robot.lookup("#sdImagePath").queryTextInputControl().setText(image.toString()));
        click(robot, "#checkSdImage");
        waitFor(() -> !text(robot, "#step-card-result").isEmpty(), 30_000, "image check");
        assertTrue(text(robot, "#step-card-result").contains("Right for the rescue card"), text(robot, "#step-card-result"));
        assertTrue(text(robot, "#step-card-result").contains("carries the NAND bootloaders"), text(robot, "#step-card-result"));
        assertTrue(text(robot, "#step-card-result").contains("SHA-256 "));
        click(robot, "#wizardNext");

        // 2. switches to SD on the bench, and the card in.
        assertFalse(robot.lookup("#sdSwitchesDone").queryAs(CheckBox.class).isSelected());
        click(robot, "#benchDip-A");
        click(robot, "#benchSd");
        waitFor(() -> robot.lookup("#sdSwitchesDone").queryAs(CheckBox.class).isSelected(), 5000, "the step sees SW3 at SD");
        assertEquals(Medium.SD, board.state().bootMedium());
        click(robot, "#wizardNext");

        // 3. power on: BL2 must say SD.
        click(robot, "#benchCycle");
        waitFor(() -> text(robot, "#step-sdBoot-result").contains("Booted from the SD card"), 60_000, "SD boot confirmed");
        click(robot, "#wizardNext");

        // 4. the card's menu installs; everything read back.
        click(robot, "#installFromCard");
        waitFor(() -> !text(robot, "#step-writeNand-result").isEmpty(), 120_000, "install result");
        String result = text(robot, "#step-writeNand-result");
        assertTrue(result.startsWith("Installed and verified"), result);
        assertTrue(result.contains("NAND BL2 copy at 0x180000") && result.contains("NAND fip volume")
                && result.contains("BL2 on the card = BL2 in the image file"), result);
        // The step's bar ended at the total U-Boot's own size lines named, with its rate.
        String rate = h.wizard.currentStep().run().rateProperty().get();
        assertTrue(rate.matches("install · ([0-9,]+) of \\1 bytes · [0-9.]+ KiB/s · 0 s left"), rate);
        click(robot, "#step-writeNand-commands");
        assertTrue(h.wizard.currentStep().run().commandsProperty().get().contains("mtd read bl2"));
        click(robot, "#wizardNext");

        // 5. switches back to NAND, card out, power cycle: BL2 must say NAND.
        click(robot, "#benchDip-A");
        click(robot, "#benchSd");
        waitFor(() -> board.state().bootMedium() == Medium.SNAND && !board.state().sdInserted, 5000, "bench at NAND");
        click(robot, "#benchCycle");
        waitFor(() -> !text(robot, "#step-nandBoot-result").isEmpty(), 90_000, "NAND boot result");
        assertTrue(text(robot, "#step-nandBoot-result").contains("Boots from NAND, verified"), text(robot, "#step-nandBoot-result")
                + "\n" + tail());

        // What the board really holds now.
        ImageInspector ins = Boards.R4.images();
        for (long off : data.layout("openwrt-snand").bl2Copies()) {
            ImageInfo i = ins.inspect(board.state().nand.raw.read(off, 0x80000));
            assertEquals(ImageKind.BL2, i.kind(), "copy at " + off);
            assertEquals(Medium.SNAND, i.medium());
            assertTrue(i.ok(), i.problems().toString());
        }
        UbiVolume fip = board.state().nand.volumes.get("fip");
        ImageInfo f = ins.inspect(fip.data.read(0, (int) fip.dataSize));
        assertEquals(ImageKind.FIP, f.kind());
        assertTrue(f.ok(), f.problems().toString());
        waitFor(() -> h.consoleHas("spim-nand"), 10_000, "the console shows BL2 from the NAND");
        waitFor(() -> h.consoleHas("U-Boot 20"), 10_000, "and U-Boot");

        // 6. On to the blank eMMC from the NAND's own menu (#21): the hands are the user's (the bench here).
        StepRun run = h.wizard.currentStep().run();
        click(robot, "#carryOnToEmmc");
        waitFor(() -> run.statusProperty().get().contains("boot from the NAND"), 10_000, "asked to power-cycle for the NAND's U-Boot");
        click(robot, "#benchCycle");
        waitFor(() -> run.statusProperty().get().contains("boot from the eMMC"), 120_000, "installed and asked for the eMMC switches: "
                + run.statusProperty().get());
        click(robot, "#benchDip-A");
        click(robot, "#benchDip-B");
        waitFor(() -> board.state().bootMedium() == Medium.EMMC, 5000, "bench at eMMC");
        click(robot, "#benchCycle");
        waitFor(() -> text(robot, "#step-nandBoot-result").startsWith("Boots from the eMMC"), 90_000, "eMMC boot result");
        assertTrue(text(robot, "#step-nandBoot-result").contains("BOOT_PARTITION_ENABLE is 1"), text(robot, "#step-nandBoot-result"));
        assertEquals(ImageKind.BL2, ins.inspect(board.state().emmc.boot0.read(0, 0x80000)).kind(), "boot0 holds a BL2");
    }

    private String tail() {
        var lines = h.consoleLines();
        return lines.subList(Math.max(0, lines.size() - 40), lines.size()).stream().map(l -> l.text())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
