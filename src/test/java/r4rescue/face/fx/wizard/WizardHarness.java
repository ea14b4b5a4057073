package r4rescue.face.fx.wizard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import javafx.stage.Stage;

import org.testfx.util.WaitForAsyncUtils;

import r4rescue.board.Boards;
import r4rescue.console.StyledLine;
import r4rescue.face.fx.MainView;
import r4rescue.face.fx.MainViewModel;
import r4rescue.face.fx.R4RescueApp;
import r4rescue.face.fx.WindowFixture;
import r4rescue.link.Links;
import r4rescue.link.PortInfo;
import r4rescue.procedure.unbrick.RescueImageFile;
import r4rescue.sim.SimLinkProvider;

/** The real window (main view + wizard) on a stage, talking to simulated boards through sim: links. */
final class WizardHarness {

    MainViewModel vm;
    MainView view;
    WizardViewModel wizardVm;
    WizardView wizard;

    void start(Stage stage, Path logs, int width, int height) {
        vm = WindowFixture.viewModel(Links::create, logs, 20_000,
                new PortInfo("/dev/ttyS0", "ttyS0", "Built-in serial port", -1, -1, null, null, false),
                new SimLinkProvider().ports().get(0));
        wizardVm = new WizardViewModel(vm, Boards.R4);
        view = R4RescueApp.assemble(vm, wizardVm);
        wizard = (WizardView) view.wizardSlot().getChildren().get(0);
        WindowFixture.show(stage, vm, view, width, height);
    }

    void stop() {
        wizardVm.shutdown();
        vm.shutdown();
    }

    List<StyledLine> consoleLines() {
        return vm.console().model().snapshot();
    }

    boolean consoleHas(String text) {
        return consoleLines().stream().anyMatch(l -> l.text().contains(text));
    }

    /** Scrolls the wizard so {@code id} is on screen, then clicks it like a user. */
    static void click(org.testfx.api.FxRobot robot, String id) {
        javafx.scene.Node n = robot.lookup(id).query();
        robot.interact(() -> {
            for (javafx.scene.Node p = n.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                    javafx.geometry.Bounds b = sp.getContent().sceneToLocal(n.localToScene(n.getBoundsInLocal()));
                    double extra = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                    if (extra > 0) {
                        sp.setVvalue(Math.min(1, Math.max(0, (b.getMinY() - 20) / extra)));
                    }
                    sp.layout();
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(n);
    }

    static void waitFor(BooleanSupplier cond, long timeoutMs, String what) {
        WindowFixture.waitFor(cond, timeoutMs, what);
    }

    /** Connects to the simulated board {@code spec}, waits for OpenWrt, and starts the flow behind the button {@code flow}. */
    r4rescue.sim.SimBoard connectSim(org.testfx.api.FxRobot robot, String spec, String flow) {
        robot.interact(() -> vm.portProperty().set(spec));
        click(robot, "#connectButton");
        waitFor(() -> wizardVm.benchProperty().get() != null, 10_000, "connected");
        r4rescue.sim.SimBoard board = ((r4rescue.sim.BoardBench) wizardVm.benchProperty().get()).board();
        waitFor(() -> board.stage().equals("userspace"), 60_000, "OpenWrt running");
        click(robot, flow);
        return board;
    }

    /** The result of the page {@code step} once its work has ended. */
    String awaitResult(org.testfx.api.FxRobot robot, String step) {
        waitFor(() -> !text(robot, "#" + step + "-result").isEmpty()
                && wizard.currentStep().run().stateProperty().get() != StepRun.State.RUNNING, 180_000, step + " result");
        return text(robot, "#" + step + "-result");
    }

    /** The commands the page on screen sent. */
    String commands() {
        return wizard.currentStep().run().commandsProperty().get();
    }

    /** The bootargs in the simulated board's saved environment. */
    static String bootargs(r4rescue.sim.SimBoard board) {
        return new r4rescue.sim.uboot.EnvStore(board.state(), board.state().bootMedium()).load().env().get("bootargs");
    }

    /** A label's text, or "" when it is not there. */
    static String text(org.testfx.api.FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((javafx.scene.control.Label) n).getText()).orElse("");
    }

    /** OpenWrt's rescue card image as downloaded (gzip). */
    static Path rescueImage(Path dir) throws IOException {
        return RescueImageFile.write(dir.resolve("openwrt-mediatek-filogic-bananapi_bpi-r4-sdcard.img.gz"), 64L << 20, true);
    }
}
