package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
import r4rescue.face.fx.BootTimelineViewModel;
import r4rescue.face.fx.MainView;
import r4rescue.face.fx.MainViewModel;
import r4rescue.face.fx.WindowFixture;
import r4rescue.link.PipeLink;

/**
 * One action, one name: the diagnosis card's button and the wizard's proposal start the same flow
 * and say the same words, the flow's own (the card once said "Repair the kernel command line →" where the
 * proposal said "Start: Repair bootargs").
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class OneVerbPerFlowTest {

    @TempDir
    static Path logs;

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicReference<PipeLink> link = new AtomicReference<>();
    private MainViewModel vm;
    private WizardViewModel wizardVm;

    @Start
    void start(Stage stage) {
        vm = WindowFixture.viewModel(WindowFixture.pipes(link, (d, o, n) -> { }), logs, 5000,
                WindowFixture.adapter("board", "pipe", "Corpus board"));
        MainView view = new MainView(vm, new BootTimelineViewModel(vm.console(), clock::get, 150, 500));
        wizardVm = new WizardViewModel(vm, Boards.R4);
        WizardView.install(view, wizardVm);
        WindowFixture.show(stage, vm, view, 1200, 800);
    }

    @AfterEach
    void tearDown() {
        wizardVm.shutdown();
        vm.shutdown();
    }

    @Test
    void aRootCardAndTheProposalNameTheFlowAlike(FxRobot robot) throws IOException {
        WindowFixture.waitFor(() -> "board".equals(vm.portProperty().get()), 5000, "port preselected");
        robot.clickOn("#connectButton");
        WindowFixture.waitFor(() -> vm.connectedProperty().get() && link.get() != null, 5000, "connected");
        deliver("linux-cannot-open-root.log");
        WindowFixture.waitFor(() -> visible(robot, "#diagnosisCard"), 10_000, "the card");
        WindowFixture.waitFor(() -> visible(robot, "#proposedFlow"), 10_000, "the proposal");
        String card = WindowFixture.onFx(() -> robot.lookup("#fixButton").queryButton().getText());
        String proposal = WindowFixture.onFx(() -> robot.lookup("#proposedFlow").queryButton().getText());
        assertEquals(proposal, card);
        assertEquals("Repair bootargs \u2192", card);
        assertEquals("_3  Repair bootargs", robot.lookup("#flowBootargs").queryButton().getText());
    }

    private static boolean visible(FxRobot robot, String id) {
        return WindowFixture.onFx(() -> robot.lookup(id).tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
    }

    private void deliver(String log) throws IOException {
        byte[] raw;
        try (InputStream in = getClass().getResourceAsStream("/r4rescue/bootlog/corpus/" + log)) {
            assertNotNull(in, log);
            raw = in.readAllBytes();
        }
        link.get().deliver(raw, 0, raw.length);
    }
}
