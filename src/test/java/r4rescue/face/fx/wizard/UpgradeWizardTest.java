package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.bootargs;
import static r4rescue.face.fx.wizard.WizardHarness.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.sim.BuildFiles;
import r4rescue.sim.SimBoard;

/** "Upgrade the system on the SSD" in the window, on the simulated board SimNvmeUpgradeTest upgrades from the CLI. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class UpgradeWizardTest {

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

    /** Files checked → the board read and the plan agreed → upgraded with progress → the proof: root by device, kernel with modules. */
    @Test
    void upgradeIsCheckedConfirmedRunAndProven(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        SimBoard board = connect(robot, "sim:nvme-upgraded");
        Path backup = dir.resolve("before-upgrade.tar.gz");
        pick(robot, BuildFiles.kernel(dir, "6.6.93"), BuildFiles.rootfs(dir, "6.6.93"), backup);
        click(robot, "#upgradeCheck");
        String checked = h.awaitResult(robot, "step-uPick");
        assertTrue(checked.contains("are one build: kernel 6.6.93") && checked.contains("Nothing has been sent"), checked);
        click(robot, "#wizardNext");

        click(robot, "#upgradeRead");
        assertTrue(h.awaitResult(robot, "step-uConfirm").startsWith("Read from the board; nothing was changed"));
        String now = text(robot, "#upgradeBoardNow");
        assertTrue(now.contains("runs from slot A (/dev/nvme0n1p1") && now.contains("with kernel 6.6.93")
                && now.contains("modules only for: 6.6.86"), now);
        String plan = text(robot, "#upgradePlan");
        assertTrue(plan.startsWith("Replaced: slot B (/dev/nvme0n1p2") && plan.contains("Kept: slot A (/dev/nvme0n1p1) is not touched")
                && plan.contains(backup.toString()) && plan.contains("compared file by file"), plan);
        assertFalse(h.commands().contains("mkfs") || h.commands().contains("sysupgrade"), "only read: " + h.commands());
        assertTrue(robot.lookup("#wizardNext").query().isDisabled(), "Next waits for the user's agreement");
        click(robot, "#upgradeAgree");
        click(robot, "#wizardNext");

        List<String> progress = new CopyOnWriteArrayList<>();
        robot.interact(() -> h.wizard.currentStep().run().rateProperty().addListener((o, a, r) -> progress.add(r)));
        click(robot, "#upgradeRun");
        String done = h.awaitResult(robot, "step-uRun");
        assertEquals(StepRun.State.DONE, h.wizard.currentStep().run().stateProperty().get(), done);
        assertEquals("Upgraded: slot B (/dev/nvme0n1p2) runs kernel 6.6.93 with its modules.", done);
        assertTrue(progress.stream().anyMatch(r -> r.contains("r4rescue-rootfs.tar.gz") || r.contains("rootfs-6.6.93")), "progress: " + progress);
        assertTrue(h.commands().contains("sysupgrade -T ") && h.commands().indexOf("sysupgrade -T ") < h.commands().indexOf("fw_setenv 'bootargs'"),
                "the board checks the image before root= moves: " + h.commands());
        assertTrue(h.commands().contains("sysupgrade -v '/tmp/r4rescue-sysupgrade.itb'"), h.commands());
        assertTrue(bootargs(board).contains("root=/dev/nvme0n1p2"), bootargs(board));
        assertTrue(Files.size(backup) > 100, "backup saved");
        assertTrue(Files.readString(dir.resolve("before-upgrade.tar.gz.packages.txt")).startsWith("# opkg list-installed\n"));
        click(robot, "#wizardNext");

        assertEquals("Upgraded: slot B (/dev/nvme0n1p2) runs kernel 6.6.93 with its modules.", text(robot, "#upgradeProof"));
        String evidence = text(robot, "#upgradeEvidence");
        assertTrue(evidence.contains("/dev/nvme0n1p2") && evidence.contains("The kernel 6.6.93 has its modules"), evidence);
        String saved = text(robot, "#upgradeSaved");
        assertTrue(saved.contains(backup.toString()) && saved.contains("packages") && saved.contains("Slot A still holds the old system"), saved);
        assertFalse(robot.lookup("#wizardNext").query().isDisabled());
        System.out.printf("fx-upgrade-nvme %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** A rootfs of another build is refused on this computer: the board's state said, nothing sent, no way on. */
    @Test
    void aRootfsOfAnotherBuildIsRefusedBeforeTheBoardIsTouched(FxRobot robot) throws Exception {
        connect(robot, "sim:nvme-upgraded");
        Path backup = dir.resolve("refused.tar.gz");
        pick(robot, BuildFiles.kernel(dir, "6.6.93"), BuildFiles.rootfs(dir, "6.6.86"), backup);
        click(robot, "#upgradeCheck");
        String refused = h.awaitResult(robot, "step-uPick");
        assertEquals(StepRun.State.FAILED, h.wizard.currentStep().run().stateProperty().get(), refused);
        assertTrue(refused.startsWith("Refused: ") && refused.contains("carries kernel 6.6.93, but openwrt-rootfs-6.6.86.tar.gz has modules for: 6.6.86"),
                refused);
        assertTrue(refused.contains("Board state: nothing was sent to the board; it is as it was."), refused);
        assertEquals("", h.commands());
        assertFalse(Files.exists(backup), "nothing asked of the board");
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());
    }

    /** Cancel while the upgrade runs stops at the procedure's next step, before the slot is formatted, and says the board's state. */
    @Test
    void cancelBeforeTheSlotIsWrittenLeavesTheBoardAsItWas(FxRobot robot) throws Exception {
        SimBoard board = connect(robot, "sim:nvme-upgraded");
        String before = bootargs(board);
        checkAndRead(robot, "6.6.93", "6.6.93", dir.resolve("cancelled.tar.gz"));
        click(robot, "#upgradeAgree");
        click(robot, "#wizardNext");
        // pressed the moment the package list is being saved: the board answers at full speed, a robot's click could come too late
        robot.interact(() -> h.wizard.currentStep().run().statusProperty().addListener((o, a, st) -> {
            if (st.startsWith("Save the installed package list")) {
                robot.lookup("#step-uRun-cancel").queryButton().fire();
            }
        }));
        click(robot, "#upgradeRun");
        String said = h.awaitResult(robot, "step-uRun");
        assertEquals(StepRun.State.CANCELLED, h.wizard.currentStep().run().stateProperty().get(), said);
        assertTrue(said.startsWith("Cancelled") && said.contains("Nothing was changed"), said);
        assertFalse(h.commands().contains("mkfs") || h.commands().contains("sysupgrade -v"), h.commands());
        assertEquals(before, bootargs(board), "the boot loader still boots slot A");
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());
    }

    /** A board whose root is on neither slot: reading it says so and that nothing changed; Next stays off. */
    @Test
    void aBoardWithoutSlotsSaysSoAndNothingChanges(FxRobot robot) throws Exception {
        SimBoard board = connect(robot, "sim:healthy-nand");
        String before = bootargs(board);
        String said = checkAndRead(robot, "6.6.93", "6.6.93", dir.resolve("noslot.tar.gz"));
        assertEquals(StepRun.State.FAILED, h.wizard.currentStep().run().stateProperty().get(), said);
        assertTrue(said.startsWith("The root is on neither A/B slot (/dev/nvme0n1p1, /dev/nvme0n1p2)") && said.contains("Nothing was changed."), said);
        assertFalse(robot.lookup("#upgradeAgree").query().isVisible());
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());
        assertEquals(before, bootargs(board));
    }

    /** The build's files picked and checked, then the board read on the next page. */
    private String checkAndRead(FxRobot robot, String kernel, String modules, Path backup) throws Exception {
        pick(robot, BuildFiles.kernel(dir, kernel), BuildFiles.rootfs(dir, modules), backup);
        click(robot, "#upgradeCheck");
        h.awaitResult(robot, "step-uPick");
        click(robot, "#wizardNext");
        click(robot, "#upgradeRead");
        return h.awaitResult(robot, "step-uConfirm");
    }

    private static void pick(FxRobot robot, Path kernel, Path rootfs, Path backup) {
        robot.interact(() -> {
            robot.lookup("#upgradeKernel").queryTextInputControl().setText(kernel.toString());
            robot.lookup("#upgradeRootfs").queryTextInputControl().setText(rootfs.toString());
            robot.lookup("#upgradeBackup").queryTextInputControl().setText(backup.toString());
        });
    }

    private SimBoard connect(FxRobot robot, String spec) {
        return h.connectSim(robot, spec, "#flowUpgrade");
    }
}
