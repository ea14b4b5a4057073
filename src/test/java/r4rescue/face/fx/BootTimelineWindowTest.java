package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.console.StyledLine;
import r4rescue.link.PipeLink;

/**
 * Real boot logs from the corpus, sent by a board at the far end of a pipe into the window: the
 * timeline colours its segments, the diagnosis card says what broke, the evidence link selects
 * the line in the console, the fix button hands over the fix id. The feed's clock is the test's,
 * so silence and hang verdicts come without waiting.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class BootTimelineWindowTest {

    private static final List<String> STAGES = List.of("BOOTROM", "BL2", "BL31", "UBOOT", "KERNEL", "USERSPACE");

    @TempDir
    static Path logs;

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicReference<PipeLink> link = new AtomicReference<>();
    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) {
        vm = WindowFixture.viewModel(WindowFixture.pipes(link, (d, o, n) -> { }), logs, 5000,
                WindowFixture.adapter("board", "pipe", "Corpus board"));
        view = new MainView(vm, new BootTimelineViewModel(vm.console(), clock::get, 150, 500));
        WindowFixture.show(stage, vm, view, 1200, 800);
    }

    @AfterEach
    void tearDown() {
        vm.shutdown();
    }

    @Test
    void aCompleteNandBootTurnsEverySegmentGreenAndShowsNoCard(FxRobot robot) throws Exception {
        connect(robot);
        waitFor(() -> "Listening \u2014 power the board on".equals(text(robot, "#timelineStatus")), "listening");
        deliver("nand-complete.log");
        for (String s : STAGES) {
            waitFor(() -> states(robot, s).contains(pc("passed")), s + " passed");
        }
        waitFor(() -> text(robot, "#timelineStatus").startsWith("Booted"), "booted");
        assertTrue(text(robot, "#bootDevice").startsWith("Boot device: SPI-NAND"), text(robot, "#bootDevice"));
        assertFalse(robot.lookup("#diagnosisCard").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "no card for a good boot");
    }

    @Test
    void systemHaltShowsTheRedBootRomTheCardTheEvidenceAndTheFix(FxRobot robot) throws Exception {
        connect(robot);
        deliver("emmc-system-halt.log");
        waitFor(() -> robot.lookup("#diagnosisCard").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "the card appears");
        assertTrue(states(robot, "BOOTROM").contains(pc("failed")), "red where it stopped");
        for (String s : STAGES.subList(1, STAGES.size())) {
            assertTrue(states(robot, s).contains(pc("pending")), s + " grey");
        }
        assertEquals("\u26a0 The Boot ROM found no valid BL2 on the medium the boot switches select and halted.",
                text(robot, "#diagnosisSummary"));
        assertTrue(text(robot, "#diagnosisCause").startsWith("Likely cause: The boot switches"));
        assertEquals("Unbrick through the SD card \u2192", robot.lookup("#fixButton").queryButton().getText());

        // the evidence: click it and the console selects that line
        waitFor(() -> shown().stream().anyMatch(l -> l.text().equals("System halt!")), "the log is in the console");
        robot.clickOn("#evidenceLink");
        waitFor(() -> selected(robot) != null, "a line is selected");
        assertEquals("System halt!", selected(robot).text());
        assertFalse(vm.console().followingProperty().get(), "the console holds still on the evidence");

        // no wizard yet: the button explains the fix
        assertFalse(robot.lookup("#fixExplanation").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        robot.clickOn("#fixButton");
        assertTrue(robot.lookup("#fixExplanation").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertTrue(text(robot, "#fixExplanation").contains("SD-card image"));

        // with a wizard: the button hands it the fix id
        AtomicReference<String> started = new AtomicReference<>();
        robot.interact(() -> view.bootTimeline().onFixProperty().set(started::set));
        robot.clickOn("#fixButton");
        assertEquals("sd-rescue", started.get());

        // the board is powered on again and boots: the timeline starts over, the card goes
        deliver("nand-complete.log");
        waitFor(() -> states(robot, "USERSPACE").contains(pc("passed")), "the new boot completes");
        assertTrue(states(robot, "BOOTROM").contains(pc("passed")));
        waitFor(() -> !robot.lookup("#diagnosisCard").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "the card goes with the old boot");
    }

    @Test
    void aRootwaitHangGoesRedInLinuxOnceTheKernelHasWaitedTooLong(FxRobot robot) throws Exception {
        connect(robot);
        deliver("linux-rootwait-hang.log");
        waitFor(() -> states(robot, "KERNEL").contains(pc("current")), "Linux is the running stage");
        for (String s : STAGES.subList(0, 4)) {
            assertTrue(states(robot, s).contains(pc("passed")), s + " passed");
        }
        assertFalse(robot.lookup("#diagnosisCard").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "waiting is not yet a failure");

        clock.addAndGet(25_000); // the kernel waits on, quietly
        waitFor(() -> robot.lookup("#diagnosisCard").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "the hang is diagnosed");
        assertTrue(states(robot, "KERNEL").contains(pc("failed")));
        assertTrue(states(robot, "USERSPACE").contains(pc("pending")));
        assertEquals("\u26a0 The kernel is waiting for its root device, which never appears.", text(robot, "#diagnosisSummary"));
        assertTrue(text(robot, "#diagnosisDetail").startsWith("No output for 25.0 s in KERNEL"), text(robot, "#diagnosisDetail"));

        AtomicReference<String> started = new AtomicReference<>();
        robot.interact(() -> view.bootTimeline().onFixProperty().set(started::set));
        robot.clickOn("#fixButton");
        assertEquals("nvme-check", started.get());

        robot.clickOn("#evidenceLink");
        waitFor(() -> selected(robot) != null, "a line is selected");
        assertTrue(selected(robot).text().contains("Waiting for root device /dev/nvme0n1p2"), selected(robot).text());
    }

    @Test
    void aSilentBoardIsToldToCheckTheWiring(FxRobot robot) throws Exception {
        connect(robot);
        clock.addAndGet(6_000);
        waitFor(() -> robot.lookup("#diagnosisCard").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "silence is diagnosed");
        assertEquals("\u26a0 Nothing at all came from the board after power-on.", text(robot, "#diagnosisSummary"));
        assertTrue(text(robot, "#diagnosisCause").contains("TX and RX swapped"));
        assertFalse(robot.lookup("#evidenceRow").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "nothing to point at");
        assertEquals("Check the serial wiring \u2192", robot.lookup("#fixButton").queryButton().getText());
    }

    @Test
    void noiseAtTheWrongBaudAsksForTheRightRate(FxRobot robot) throws Exception {
        robot.interact(() -> vm.baudProperty().set(57600)); // the rate the capture was made at
        connect(robot);
        deliver("noise-115200-captured-at-57600.log");
        clock.addAndGet(1_000);
        waitFor(() -> robot.lookup("#diagnosisCard").tryQuery().map(javafx.scene.Node::isVisible).orElse(false), "noise is diagnosed");
        assertEquals("\u26a0 The board sends data, but it decodes as noise.", text(robot, "#diagnosisSummary"));
        assertEquals("Set the baud rate to 115200 \u2192", robot.lookup("#fixButton").queryButton().getText());
        assertTrue(text(robot, "#diagnosisDetail").contains("fit a board sending at 115200"),
                text(robot, "#diagnosisDetail"));
    }

    // ---- helpers

    private void connect(FxRobot robot) throws Exception {
        waitFor(() -> "board".equals(vm.portProperty().get()), "port preselected");
        robot.clickOn("#connectButton");
        waitFor(() -> vm.connectedProperty().get() && link.get() != null, "connected");
    }

    private void deliver(String log) throws IOException {
        byte[] raw;
        try (InputStream in = getClass().getResourceAsStream("/r4rescue/bootlog/corpus/" + log)) {
            assertNotNull(in, log);
            raw = in.readAllBytes();
        }
        for (int i = 0; i < raw.length; i += 512) {
            link.get().deliver(raw, i, Math.min(512, raw.length - i));
        }
    }

    private static PseudoClass pc(String name) {
        return PseudoClass.getPseudoClass(name);
    }

    private static Set<PseudoClass> states(FxRobot robot, String stage) {
        return onFx(() -> Set.copyOf(robot.lookup("#segment-" + stage).query().getPseudoClassStates()));
    }

    private static String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private StyledLine selected(FxRobot robot) {
        return onFx(() -> {
            Node n = robot.lookup("#consoleLines").query();
            @SuppressWarnings("unchecked")
            ListView<StyledLine> list = (ListView<StyledLine>) n;
            return list.getSelectionModel().getSelectedItem();
        });
    }

    private List<StyledLine> shown() {
        return onFx(() -> List.copyOf(view.consolePane().shownLines()));
    }

    private static <T> T onFx(Callable<T> c) {
        return WindowFixture.onFx(c);
    }

    private static void waitFor(BooleanSupplier c, String what) {
        WindowFixture.waitFor(c, 10_000, what);
    }
}
