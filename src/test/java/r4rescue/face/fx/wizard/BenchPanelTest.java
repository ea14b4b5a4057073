package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.link.BenchControls;

/** The bench panel works with any link's {@link BenchControls}, not only the simulator's. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class BenchPanelTest {

    private final FakeBench bench = new FakeBench();
    private BenchPanel panel;

    /** Made here, on the FX thread: a control needs the toolkit started. */
    @Start
    void start(Stage stage) {
        panel = new BenchPanel(Boards.R4);
        stage.setScene(new Scene(panel, 600, 240));
        stage.show();
    }

    @Test
    void shownForABenchHiddenWithoutAndItsButtonsReachTheBench(FxRobot robot) {
        assertFalse(panel.isVisible(), "no bench: a real board");
        robot.interact(() -> panel.setControls(bench));
        assertTrue(panel.isVisible());
        click(robot, "#benchPower");
        waitFor(() -> bench.calls.contains("powerOn"), 5000, "power on reached the bench");
        click(robot, "#benchSd");
        waitFor(() -> bench.calls.contains("insertSd"), 5000, "the card went in");
        waitFor(() -> robot.lookup("#benchSlotState").queryLabeled().getText().contains("card in"), 5000, "the slot shows it");
        robot.interact(() -> panel.setControls(null));
        assertFalse(panel.isVisible());
        assertEquals(List.of("powerOn", "insertSd"), new ArrayList<>(bench.calls));
    }

    /** A bench that records what the hands did. */
    private static final class FakeBench implements BenchControls {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean on;
        volatile boolean sd;
        volatile List<Boolean> levers = List.of(false, true);

        @Override
        public boolean powered() {
            return on;
        }

        @Override
        public String stage() {
            return "U-Boot";
        }

        @Override
        public void powerOn() {
            calls.add("powerOn");
            on = true;
        }

        @Override
        public void powerOff() {
            calls.add("powerOff");
            on = false;
        }

        @Override
        public void powerCycle() {
            calls.add("powerCycle");
        }

        @Override
        public List<Boolean> switches() {
            return levers;
        }

        @Override
        public void setSwitches(List<Boolean> down) {
            calls.add("setSwitches");
            levers = List.copyOf(down);
        }

        @Override
        public Medium bootMedium() {
            return Medium.SNAND;
        }

        @Override
        public boolean sdInserted() {
            return sd;
        }

        @Override
        public void insertSd() {
            calls.add("insertSd");
            sd = true;
        }

        @Override
        public void removeSd() {
            calls.add("removeSd");
            sd = false;
        }
    }
}
