package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javafx.css.PseudoClass;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
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
import r4rescue.board.Medium;
import r4rescue.face.fx.wizard.DipSwitchView;
import r4rescue.link.PipeLink;

/**
 * Three boots in one stream, in the window: the "Boot 1 · 2 · 3" switcher appears, clicking a
 * boot shows its timeline and its own diagnosis on the card; and what a screen reader is told
 * about the timeline's segments, the card and the boot-switch drawing (#22).
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class BootSwitchWindowTest {

    @TempDir
    static Path logs;

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicReference<PipeLink> link = new AtomicReference<>();
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        vm = WindowFixture.viewModel(WindowFixture.pipes(link, (d, o, n) -> { }), logs, 5000,
                WindowFixture.adapter("board", "pipe", "Corpus board"));
        MainView view = new MainView(vm, new BootTimelineViewModel(vm.console(), clock::get, 150, 500));
        WindowFixture.show(stage, vm, view, 1200, 800);
    }

    @AfterEach
    void tearDown() {
        vm.shutdown();
    }

    @Test
    void clickingABootShowsItsTimelineAndItsOwnDiagnosis(FxRobot robot) throws Exception {
        waitFor(() -> "board".equals(vm.portProperty().get()), "port preselected");
        robot.clickOn("#connectButton");
        waitFor(() -> vm.connectedProperty().get() && link.get() != null, "connected");
        deliver("linux-rootwait-hang.log");
        waitFor(() -> has(robot, "#segment-KERNEL", "current"), "boot 1 in Linux");
        assertFalse(visible(robot, "#bootSwitcher"), "one boot: no switcher");

        deliver("emmc-system-halt.log");
        deliver("nand-complete.log");
        waitFor(() -> robot.lookup("#boot-3").tryQuery().isPresent() && has(robot, "#segment-USERSPACE", "passed"), "boot 3 booted");
        assertTrue(visible(robot, "#bootSwitcher"));
        assertFalse(visible(robot, "#diagnosisCard"), "boot 3 booted: no card");

        robot.clickOn("#boot-1");
        waitFor(() -> visible(robot, "#diagnosisCard"), "boot 1's card");
        assertEquals("\u26a0 The kernel is waiting for its root device, which never appears.", text(robot, "#diagnosisSummary"));
        assertTrue(has(robot, "#segment-KERNEL", "failed"), "boot 1 stopped in Linux, nothing runs");
        assertFalse(has(robot, "#segment-KERNEL", "current"));
        assertEquals("Diagnosis: The kernel is waiting for its root device, which never appears.",
                onFx(() -> robot.lookup("#diagnosisCard").query().getAccessibleText()));
        assertEquals("Linux: the boot stopped here, 0.0 s after power-on", // the test's clock stands still
                onFx(() -> robot.lookup("#segment-KERNEL").query().getAccessibleText()));
        assertEquals("Userspace: not reached", onFx(() -> robot.lookup("#segment-USERSPACE").query().getAccessibleText()));

        robot.clickOn("#boot-2");
        waitFor(() -> text(robot, "#diagnosisSummary").contains("Boot ROM found no valid BL2"), "boot 2's card");
        assertTrue(has(robot, "#segment-BOOTROM", "failed"));
        assertTrue(text(robot, "#timelineStatus").startsWith("Boot 2: stopped in Boot ROM"), text(robot, "#timelineStatus"));

        robot.clickOn("#boot-3");
        waitFor(() -> !visible(robot, "#diagnosisCard"), "boot 3 again: no card");
        assertTrue(has(robot, "#segment-USERSPACE", "passed"));
        assertEquals("Boot 3, the newest", onFx(() -> robot.lookup("#boot-3").query().getAccessibleText()));
        assertEquals("Boot timeline", onFx(() -> robot.lookup("#bootTimeline").query().getAccessibleText()));
    }

    @Test
    void theBootSwitchDrawingSaysWhereItBootsFrom(FxRobot robot) {
        DipSwitchView dip = onFx(() -> {
            DipSwitchView d = new DipSwitchView(Boards.R4, "sw", false);
            d.show(Medium.SD);
            return d;
        });
        assertEquals(AccessibleRole.IMAGE_VIEW, dip.getAccessibleRole());
        String name = dip.getAccessibleText();
        assertTrue(name.startsWith("Boot switch SW3: A = 1 (down), B = 1 (down)"), name);
        assertTrue(name.endsWith("boots from microSD"), name);
    }

    // ---- helpers

    private void deliver(String log) throws IOException {
        byte[] raw;
        try (InputStream in = getClass().getResourceAsStream("/r4rescue/bootlog/corpus/" + log)) {
            raw = in.readAllBytes();
        }
        link.get().deliver(raw, 0, raw.length);
    }

    private static boolean has(FxRobot robot, String id, String state) {
        return onFx(() -> robot.lookup(id).query().getPseudoClassStates().contains(PseudoClass.getPseudoClass(state)));
    }

    private static boolean visible(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false));
    }

    private static String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        return WindowFixture.onFx(c);
    }

    private static void waitFor(java.util.function.BooleanSupplier c, String what) {
        WindowFixture.waitFor(c, 10_000, what);
    }
}
