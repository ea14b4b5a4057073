package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import r4rescue.face.fx.WindowFixture;

/**
 * The layout walk (#22): every page of every wizard flow, and the start page, at 1024×700 and at
 * 200 %, with a screenshot of each under {@code target/layout-walk/}. On each: no region lies
 * outside its parent, no label of the wizard, the boot timeline or the connection bar is cut short with "...", no two
 * mnemonics on screen share a letter, the console's input line is on screen and the console shows its newest line.
 *
 * <p>200 %: JavaFX lays out in logical pixels, so at 200 % a window looks as at 100 % with half the
 * screen's pixels: a 1920×1080 screen, the commonest one set to 200 %, leaves a 960×540 window
 * (headless Monocle renders at scale 1 into a 1280×800 frame buffer, so neither a render scale nor a
 * doubled font in a doubled window can be tried here). The pages are shown as before their step runs.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class LayoutWalkWindowTest {

    private static final Path SHOTS = Path.of("target/layout-walk");

    @TempDir
    static Path dir;

    private final WizardHarness h = new WizardHarness();
    private Stage stage;

    @Start
    void start(Stage stage) {
        open(stage, dir);
    }

    void open(Stage stage, Path logs) {
        this.stage = stage;
        h.start(stage, logs, 1024, 700);
    }

    @AfterEach
    void tearDown() {
        h.stop();
    }

    @Test
    void everyFlowAt1024x700AndAt200Percent(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        if (Files.isDirectory(SHOTS)) { // only this run's pictures
            try (var old = Files.list(SHOTS)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        }
        connect(robot);
        List<String> problems = new ArrayList<>();
        walk(robot, 1024, 700, "100", problems);
        walk(robot, 960, 540, "200", problems);
        System.out.printf("layout walk: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(List.of(), problems);
    }

    /** Connects the window to a simulated board, so that the console and the boot timeline have lines. */
    void connect(FxRobot robot) {
        robot.interact(() -> h.vm.portProperty().set("sim:healthy-nand"));
        robot.interact(() -> h.vm.connect());
        waitFor(() -> h.consoleHas("U-Boot 20"), 20_000, "the board's output in the console");
    }

    /** The start page and every page of every flow in a {@code width}×{@code height} window; screenshots named {@code scale}-…. */
    void walk(FxRobot robot, int width, int height, String scale, List<String> problems) throws Exception {
        robot.interact(() -> { // also: a rerun finds the stage as the last run left it
            stage.setWidth(width);
            stage.setHeight(height);
        });
        Method go = WizardView.class.getDeclaredMethod("go", int.class);
        go.setAccessible(true);
        check(robot, scale + "-start", problems);
        for (WizardViewModel.Flow flow : WizardViewModel.Flow.values()) {
            robot.interact(() -> h.wizardVm.cancel()); // a page may watch the board when shown
            waitFor(() -> !WindowFixture.onFx(h.wizardVm::busy), 10_000, "the wizard idle");
            robot.interact(() -> h.wizard.startFlow(flow));
            assertEquals(flow.words(), WindowFixture.onFx(() -> ((Labeled) robot.lookup("#wizard .title-4").query()).getText()));
            for (int i = 0; ; i++) {
                int page = i;
                boolean shown = WindowFixture.onFx(() -> {
                    go.invoke(h.wizard, page);
                    return h.wizard.currentStep() != null && h.wizard.currentStep() == pageOf(page);
                });
                if (!shown) {
                    break;
                }
                check(robot, scale + "-" + flow.name().toLowerCase() + "-" + (page + 1), problems);
            }
        }
        robot.interact(() -> h.wizardVm.cancel());
        waitFor(() -> !WindowFixture.onFx(h.wizardVm::busy), 10_000, "the wizard idle");
        robot.interact(() -> ((javafx.scene.control.ButtonBase) robot.lookup("#wizardHome").query()).fire());
    }

    /** The flow's page {@code i}, or null past its end. */
    private StepPane pageOf(int i) throws Exception {
        var f = WizardView.class.getDeclaredField("pages");
        f.setAccessible(true);
        List<?> pages = (List<?>) f.get(h.wizard);
        return i < pages.size() ? (StepPane) pages.get(i) : null;
    }

    private void check(FxRobot robot, String name, List<String> problems) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> found = WindowFixture.onFx(() -> {
            List<String> p = new ArrayList<>();
            Parent root = h.view;
            root.applyCss();
            root.layout();
            outside(root, p);
            truncated(robot.lookup("#wizard").query(), p);
            truncated(robot.lookup("#bootTimeline").query(), p);
            truncated(robot.lookup("#connectionBar").query(), p);
            sharedMnemonics(root, p);
            Node input = robot.lookup("#consoleInput").query();
            Bounds b = input.localToScene(input.getLayoutBounds());
            if (!treeVisible(input) || b.getMaxY() > root.getScene().getHeight() + 1 || b.getMinY() < 0) {
                p.add("the console input is off screen: " + b);
            }
            return p;
        });
        // The console follows a burst at its next layout pulse, and the board keeps printing while the walk looks:
        // a line that came after the last pulse is not a console left behind, so look again after a pulse or two.
        String tail = WindowFixture.onFx(this::tailProblem);
        for (int i = 0; i < 5 && tail != null; i++) {
            Thread.sleep(50);
            WaitForAsyncUtils.waitForFxEvents();
            tail = WindowFixture.onFx(this::tailProblem);
        }
        if (tail != null) {
            found.add(tail);
        }
        for (String f : found) {
            problems.add(name + ": " + f);
        }
        snap(name);
    }

    /**
     * Regions laid out beyond their parent region's box (1 px of rounding allowed). A control's
     * own parts are its skin's business; what a scroll pane or a titled pane holds may be larger
     * than its window onto it, and is walked on.
     */
    private static void outside(Node n, List<String> p) {
        if (!n.isVisible() || n instanceof VirtualFlow || n instanceof Group) {
            return; // a list's cells scroll; a drawing is placed by its own coordinates
        }
        if (n instanceof Region r && n.getParent() instanceof Region parent && n.isManaged()) {
            Bounds b = r.getBoundsInParent();
            if (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > parent.getWidth() + 1 || b.getMaxY() > parent.getHeight() + 1) {
                p.add(describe(r) + " lies outside " + describe(parent) + ": " + fmt(b) + " in " + Math.round(parent.getWidth()) + "x"
                        + Math.round(parent.getHeight()));
            }
        }
        if (n instanceof ScrollPane sp) {
            inside(sp.getContent(), p);
        } else if (n instanceof TitledPane tp) {
            if (tp.isExpanded()) {
                inside(tp.getContent(), p);
            }
        } else if (n instanceof Parent parent && (!(n instanceof Control) || n instanceof SplitPane)) {
            for (Node c : parent.getChildrenUnmodifiable()) {
                outside(c, p);
            }
        }
    }

    /** Walks what {@code holder} holds without checking it against the holder's window onto it. */
    private static void inside(Node holder, List<String> p) {
        if (holder instanceof Parent parent && holder.isVisible()) {
            for (Node c : parent.getChildrenUnmodifiable()) {
                outside(c, p);
            }
        }
    }

    /** Labels of the wizard whose text the skin cut short. */
    private static void truncated(Node n, List<String> p) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            for (Node c : l.getChildrenUnmodifiable()) {
                if (c instanceof Text t && t.getText() != null && t.getText().endsWith(l.getEllipsisString())
                        && !l.getText().endsWith(l.getEllipsisString())) {
                    p.add(describe(l) + " cut short: \"" + t.getText() + "\"");
                }
            }
        }
        if (n instanceof Parent parent) {
            for (Node c : parent.getChildrenUnmodifiable()) {
                truncated(c, p);
            }
        }
    }

    /**
     * Two controls on screen at once whose mnemonics (Alt+letter) share a letter: the key reaches
     * only one of them. The whole window counts, since a mnemonic belongs to the scene.
     */
    private static void sharedMnemonics(Parent root, List<String> p) {
        Map<Character, Labeled> seen = new TreeMap<>();
        List<Labeled> labeled = new ArrayList<>();
        labeledIn(root, labeled);
        for (Labeled l : labeled) {
            Character key = l.isMnemonicParsing() ? mnemonic(l.getText()) : null;
            Labeled other = key == null ? null : seen.putIfAbsent(key, l);
            if (other != null) {
                p.add("Alt+" + key + " both " + describe(other) + " \"" + other.getText() + "\" and " + describe(l) + " \""
                        + l.getText() + "\"");
            }
        }
    }

    private static void labeledIn(Node n, List<Labeled> into) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l) {
            into.add(l);
        }
        if (n instanceof Parent parent) {
            for (Node c : parent.getChildrenUnmodifiable()) {
                labeledIn(c, into);
            }
        }
    }

    /** The letter after the first single '_' ("__" is a plain underscore), as JavaFX reads it. */
    static Character mnemonic(String text) {
        for (int i = 0; text != null && i + 1 < text.length(); i++) {
            if (text.charAt(i) == '_') {
                if (text.charAt(i + 1) != '_') {
                    return Character.toUpperCase(text.charAt(i + 1));
                }
                i++;
            }
        }
        return null;
    }

    /** Null when the console's lowest visible line is its newest. */
    private String tailProblem() {
        VirtualFlow<?> flow = (VirtualFlow<?>) h.view.consolePane().lookup(".virtual-flow");
        IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
        int lines = h.view.consolePane().shownLines().size();
        if (last == null || last.getIndex() < lines - 1) {
            return "the console is not at its tail: line " + (last == null ? -1 : last.getIndex() + 1) + " of " + lines + " shown last";
        }
        return null;
    }

    private static boolean treeVisible(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId())
                + (n.getStyleClass().isEmpty() ? "" : "." + String.join(".", n.getStyleClass()));
    }

    private static String fmt(Bounds b) {
        return String.format("[%.0f,%.0f %.0fx%.0f]", b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    private void snap(String name) throws Exception {
        BufferedImage img = WindowFixture.onFx(() -> {
            WritableImage w = h.view.getScene().snapshot(null);
            PixelReader r = w.getPixelReader();
            BufferedImage b = new BufferedImage((int) w.getWidth(), (int) w.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < b.getHeight(); y++) {
                for (int x = 0; x < b.getWidth(); x++) {
                    b.setRGB(x, y, r.getArgb(x, y));
                }
            }
            return b;
        });
        Files.createDirectories(SHOTS);
        ImageIO.write(img, "png", SHOTS.resolve(name + ".png").toFile());
    }
}
