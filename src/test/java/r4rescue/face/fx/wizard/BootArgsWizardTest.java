package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
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
import com.fasterxml.jackson.databind.ObjectMapper;

import r4rescue.sim.Scenario;
import r4rescue.sim.ScenarioBuilder;
import r4rescue.sim.BoardBench;
import r4rescue.sim.SimBoard;
import r4rescue.sim.uboot.EnvStore;

/** Boards whose kernel waits for a root that is not there, repaired through the window until the root mounts. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class BootArgsWizardTest {

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

    /** The stock bad-bootargs board: root copied to nvme0n1p1, bootargs name a p2 the SSD does not have. */
    @Test
    void migratedBoardWithAWrongPartitionMountsItsNvmeRoot(FxRobot robot) throws Exception {
        SimBoard board = connect(robot, "sim:bad-bootargs", true);
        assertEquals("root=/dev/nvme0n1p2", rootArg(board));

        stopAndRead(robot);
        assertTrue(rows(robot).contains("root=/dev/nvme0n1p2"), rows(robot));
        click(robot, "#wizardNext");

        // the kernel's own partition list offers the SSD's partitions
        waitFor(() -> robot.lookup("#root-nvme0n1p1").tryQuery().isPresent(), 5000, "NVMe partitions offered");
        robot.interact(() -> robot.lookup("#rootTyped").queryTextInputControl().setText("/dev/nvme0n1"));
        assertTrue(plan(robot).startsWith("Not a root device"), "a whole disk is refused: " + plan(robot));
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());
        robot.interact(() -> robot.lookup("#rootTyped").queryTextInputControl().setText(""));
        click(robot, "#root-nvme0n1p1");
        assertTrue(plan(robot).contains("old: console=ttyS0,115200 root=/dev/nvme0n1p2 rootfstype=ext4 rootwait")
                && plan(robot).contains("new: console=ttyS0,115200 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait"), plan(robot));
        click(robot, "#wizardNext");

        applyAndBoot(robot);
        assertTrue(text(robot, "#step-boot-result").contains("nvme0n1p1"), text(robot, "#step-boot-result"));
        waitFor(() -> h.consoleHas("EXT4-fs (nvme0n1p1): mounted"), 10_000, "EXT4 mount line on the console");
        waitFor(() -> h.consoleHas("VFS: Mounted root (ext4 filesystem)"), 10_000, "VFS line on the console");
        assertEquals("root=/dev/nvme0n1p1", rootArg(board), "the saved environment on the NAND");
        waitFor(() -> board.stage().equals("userspace"), 10_000, "the board running from its NVMe root");
    }

    /** bootargs set to the NVMe before anything was copied: healthy-nand's blank SSD with bad-bootargs' kind of root=. */
    @Test
    void badBootargsWithAnEmptySsdGoesBackToOpenWrtsOwnRoot(FxRobot robot) throws Exception {
        Scenario sc = ScenarioBuilder.scenario("healthy-nand");
        sc.env.put("bootargs", "console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/nvme0n1p1 rootfstype=ext4 rootwait");
        Path file = dir.resolve("empty-ssd-nvme-root.json");
        new ObjectMapper().writeValue(file.toFile(), sc);
        SimBoard board = connect(robot, "sim:" + file, false);
        stopAndRead(robot);
        click(robot, "#wizardNext");
        waitFor(() -> robot.lookup("#root-fit0").tryQuery().isPresent(), 5000, "choices");
        assertTrue(robot.lookup("#rootChoices").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .anyMatch(n -> n instanceof Label l && l.getText().contains("without partitions")),
                () -> "the empty SSD is said; kernel saw " + h.wizardVm.partitionsSeen() + "; console: "
                        + h.consoleLines().stream().map(l -> l.text()).filter(t -> t.contains("nvme")).toList());
        click(robot, "#root-fit0");
        click(robot, "#wizardNext");
        applyAndBoot(robot);
        waitFor(() -> h.consoleHas("VFS: Mounted root (squashfs filesystem)"), 10_000, "squashfs root mounted");
        assertEquals("root=/dev/fit0", rootArg(board));
    }

    /** Connects; with {@code awaitProposal} the flow is the one the kernel's silence proposes, else picked by hand. */
    private SimBoard connect(FxRobot robot, String spec, boolean awaitProposal) {
        robot.interact(() -> h.vm.portProperty().set(spec));
        click(robot, "#connectButton");
        waitFor(() -> h.wizardVm.benchProperty().get() != null, 10_000, "connected");
        if (awaitProposal) {
            // The kernel waits for its root and goes quiet (20 s): the words propose repairing bootargs.
            waitFor(() -> h.wizardVm.proposalProperty().get() != null, 45_000, "a proposal");
            assertEquals(WizardViewModel.Flow.BOOTARGS, h.wizardVm.proposalProperty().get().flow());
            click(robot, "#proposedFlow");
        } else {
            waitFor(() -> h.consoleHas("Waiting for root device"), 20_000, "the kernel waiting for its root");
            click(robot, "#flowBootargs");
        }
        return ((BoardBench) h.wizardVm.benchProperty().get()).board();
    }

    private void stopAndRead(FxRobot robot) {
        click(robot, "#holdUboot");
        // like a user: power-cycle when the step asks for it
        waitFor(() -> h.wizard.currentStep().run().statusProperty().get().contains("off and on now"), 20_000, "asks for a power cycle");
        click(robot, "#benchCycle");
        waitFor(() -> !text(robot, "#step-hold-result").isEmpty(), 60_000, "U-Boot held");
        assertTrue(text(robot, "#step-hold-result").startsWith("U-Boot waits"), text(robot, "#step-hold-result"));
    }

    private void applyAndBoot(FxRobot robot) {
        click(robot, "#applyBootargs");
        waitFor(() -> !text(robot, "#step-apply-result").isEmpty(), 60_000, "applied");
        assertTrue(text(robot, "#step-apply-result").startsWith("Saved and read back"), text(robot, "#step-apply-result"));
        assertTrue(h.wizard.currentStep().run().commandsProperty().get().contains("saveenv"));
        click(robot, "#wizardNext");
        click(robot, "#bootNow");
        waitFor(() -> !text(robot, "#step-boot-result").isEmpty(), 90_000, "boot result");
        assertTrue(text(robot, "#step-boot-result").startsWith("The kernel mounted its root"), text(robot, "#step-boot-result"));
    }

    private static String rootArg(SimBoard board) {
        String args = new EnvStore(board.state(), Medium.SNAND).load().env().get("bootargs");
        return java.util.Arrays.stream(args.split(" ")).filter(t -> t.startsWith("root=")).findFirst().orElse("");
    }

    private static String rows(FxRobot robot) {
        GridPane g = robot.lookup("#bootargsRows").queryAs(GridPane.class);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < g.getChildren().size(); i += 2) {
            b.append(((Label) g.getChildren().get(i)).getText()).append('=').append(((Label) g.getChildren().get(i + 1)).getText()).append(' ');
        }
        return b.toString();
    }

    private static String plan(FxRobot robot) {
        return text(robot, "#planText");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
