package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import atlantafx.base.theme.PrimerLight;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.face.fx.wizard.StepRun;
import r4rescue.face.fx.wizard.WizardView;
import r4rescue.face.fx.wizard.WizardViewModel;
import r4rescue.link.Links;
import r4rescue.link.PortInfo;

/**
 * The bench window: two boards in two tabs, each with its own procedure, running at once; the
 * other board's console keeps up while one flashes; an adapter plugged in opens its tab.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class BenchWindowTest {

    /** A CP2102 as the OS lists it; the test's links make a simulated board of it. */
    private static final PortInfo CP2102 = new PortInfo("/dev/ttyUSB7", "ttyUSB7", "CP2102 USB to UART Bridge", 0x10c4, 0xea60,
            "0001ABCD", "/dev/serial/by-id/usb-Silicon_Labs_CP2102_0001ABCD-if00-port0", true);
    private static final PortInfo BUILT_IN = new PortInfo("/dev/ttyS0", "ttyS0", "Built-in serial port", -1, -1, null, null, false);

    @TempDir
    static Path dir;

    private BenchView bench;
    private Consumer<List<PortInfo>> plug;

    @Start
    void start(Stage stage) {
        PortWatch watch = new PortWatch() {
            @Override
            public void start(Consumer<List<PortInfo>> onChange) {
                plug = onChange;
                onChange.accept(List.of(BUILT_IN));
            }

            @Override
            public void stop() {
            }
        };
        SharedPortWatch ports = new SharedPortWatch(watch);
        MainViewModel.LinkFactory links = (spec, baud) -> Links.create(spec.startsWith("/dev/ttyUSB") ? "sim:healthy-nand" : spec, baud);
        bench = new BenchView(ports, name -> {
            MainViewModel vm = new MainViewModel(links, ports.forTab(), dir, 20_000);
            WizardViewModel wizard = new WizardViewModel(vm, Boards.R4);
            return new BoardTab(name, vm, wizard, R4RescueApp.assemble(vm, wizard));
        });
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(bench, 1280, 800);
        scene.getStylesheets().add(R4RescueApp.stylesheet());
        stage.setScene(scene);
        stage.show();
        ports.start();
    }

    @AfterEach
    void stop() {
        bench.shutdown();
    }

    @Test
    void twoBoardsRunTwoProceduresAtOnceAndTheOtherConsoleKeepsUpDuringAFlash(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        BoardTab[] ab = new BoardTab[2];
        robot.interact(() -> {
            ab[0] = bench.newTab("sim:healthy-nand@paced", "A");
            ab[1] = bench.newTab("sim:healthy-nand@paced", "B");
        });
        BoardTab a = ab[0];
        BoardTab b = ab[1];
        for (BoardTab t : ab) {
            robot.interact(() -> t.viewModel().connect());
        }
        for (BoardTab t : ab) {
            WindowFixture.waitFor(() -> t.wizard().benchProperty().get() != null, 15_000, t.nameProperty().get() + " connected");
        }
        // both boards: hold U-Boot
        AtomicBoolean bothRan = new AtomicBoolean();
        StringBuilder seen = new StringBuilder();
        robot.interact(() -> {
            for (BoardTab t : ab) {
                t.runStateProperty().addListener((o, was, now) -> {
                    seen.append(t.nameProperty().get()).append(':').append(now).append(' ');
                    bothRan.compareAndSet(false, running(a) && running(b));
                });
            }
        });
        for (BoardTab t : ab) {
            robot.interact(() -> {
                wizard(t).startFlow(WizardViewModel.Flow.REFLASH);
                fire(t, "#holdUboot");
            });
        }
        for (BoardTab t : ab) {
            WindowFixture.waitFor(() -> {
                return wizard(t).currentStep().run().statusProperty().get().contains("off and on now")
                        || !text(t, "#step-hold-result").isEmpty();
            }, 30_000, t.nameProperty().get() + " asks for a power cycle");
            if (text(t, "#step-hold-result").isEmpty()) {
                robot.interact(() -> fire(t, "#benchCycle"));
            }
        }
        for (BoardTab t : ab) {
            WindowFixture.waitFor(() -> {
                return !text(t, "#step-hold-result").isEmpty();
            }, 90_000, t.nameProperty().get() + " U-Boot held");
        }
        assertEquals(StepRun.State.DONE, a.runStateProperty().get());
        assertEquals(StepRun.State.DONE, b.runStateProperty().get());
        assertTrue(!a.stageProperty().get().isEmpty(), "the timeline saw a stage");
        assertEquals("A \u00b7 " + a.stageProperty().get() + " \u2713", a.tab().getText(), "name, stage and the last result");
        bothRan.set(false);

        // A flashes; meanwhile B's console answers at once; then B flashes too, while A still does
        Path bl2 = Files.write(dir.resolve("openwrt-bananapi_bpi-r4-snand-preloader.bin"), SyntheticImages.bl2(Medium.SNAND, 30_000, 151));
        Path fip = Files.write(dir.resolve("openwrt-bananapi_bpi-r4-snand-bl31-uboot.fip"), SyntheticImages.fip(10_000, 40_000, 152));
        for (BoardTab t : ab) {
            robot.interact(() -> fire(t, "#wizardNext"));
            robot.interact(() -> {
                ((TextInputControl) t.view().lookup("#bl2File")).setText(bl2.toString());
                ((TextInputControl) t.view().lookup("#fipFile")).setText(fip.toString());
            });
        }
        robot.interact(() -> {
            bench.tabPane().getSelectionModel().select(a.tab());
            fire(a, "#flashFiles");
        });
        WindowFixture.waitFor(() -> running(a), 10_000, "A's flash running");
        robot.interact(() -> bench.tabPane().getSelectionModel().select(b.tab()));
        int echoes = 0;
        long worstMs = 0;
        while (running(a) && echoes < 5) {
            String word = "bench-b-" + echoes;
            long sent = System.nanoTime();
            robot.interact(() -> b.viewModel().console().sendLine("echo " + word));
            WindowFixture.waitFor(() -> b.viewModel().console().model().snapshot().stream().anyMatch(l -> l.text().equals(word)),
                    5_000, "B answers " + word);
            worstMs = Math.max(worstMs, (System.nanoTime() - sent) / 1_000_000);
            echoes++;
        }
        boolean aStillFlashing = running(a);
        robot.interact(() -> fire(b, "#flashFiles"));
        for (BoardTab t : ab) {
            WindowFixture.waitFor(() -> !running(t) && t.runStateProperty().get() != StepRun.State.IDLE
                    && !text(t, "#step-writeNand-result").isEmpty(), 180_000, t.nameProperty().get() + "'s flash ends");
            assertEquals(StepRun.State.DONE, t.runStateProperty().get(), text(t, "#step-writeNand-result"));
            assertTrue(t.resultProperty().get().startsWith("\u2713"), t.resultProperty().get());
        }
        System.out.printf("bench-two-tabs: B answered %d echoes during A's flash, slowest %d ms; both flashes at once: %s; whole test %.1f s%n",
                echoes, worstMs, bothRan.get(), (System.nanoTime() - t0) / 1e9);
        assertTrue(aStillFlashing && echoes == 5, "B's console answered while A was flashing (" + echoes + ")");
        assertTrue(worstMs < 2000, "B's console kept up: slowest echo " + worstMs + " ms");
        assertTrue(bothRan.get(), "the two flashes ran at the same time: " + seen);
        assertTrue(a.tab().getText().endsWith("\u2713") && b.tab().getText().endsWith("\u2713"), a.tab().getText() + " / " + b.tab().getText());

        // the overview: one row per board, stage and result; a click on a row goes to its tab
        robot.interact(() -> bench.showOverview());
        TableView<?> table = robot.lookup("#" + BenchView.OVERVIEW_ID).queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        robot.clickOn(robot.from(table).lookup(".table-row-cell").nth(1).queryAs(Node.class));
        WindowFixture.waitFor(() -> bench.tabPane().getSelectionModel().getSelectedItem() == b.tab(), 5_000, "row B opens tab B");
    }

    @Test
    void pluggingAnAdapterInOpensItsTabOnceAcrossReplugs(FxRobot robot) {
        robot.interact(() -> bench.autoOpenBox().setSelected(true));
        robot.interact(() -> plug.accept(List.of(BUILT_IN, CP2102)));
        WindowFixture.waitFor(() -> bench.boards().size() == 1, 5_000, "a tab for the new adapter");
        BoardTab t = bench.boards().get(0);
        assertEquals("0001ABCD", t.nameProperty().get(), "named by the adapter's serial number");
        assertEquals("/dev/ttyUSB7", t.viewModel().portProperty().get());
        WindowFixture.waitFor(() -> t.viewModel().connectedProperty().get(), 15_000, "and connected");
        assertTrue(t.tab().isSelected());
        // out and in again (as ttyUSB8 now): the same adapter keeps its one tab
        PortInfo again = new PortInfo("/dev/ttyUSB8", "ttyUSB8", CP2102.description(), CP2102.vid(), CP2102.pid(),
                CP2102.serialNumber(), CP2102.byIdPath(), true);
        robot.interact(() -> plug.accept(List.of(BUILT_IN)));
        robot.interact(() -> plug.accept(List.of(BUILT_IN, again)));
        assertEquals(1, bench.boards().size());
        // with the box off, a new adapter opens nothing
        robot.interact(() -> bench.autoOpenBox().setSelected(false));
        robot.interact(() -> plug.accept(List.of(BUILT_IN, again, new PortInfo("/dev/ttyUSB9", "ttyUSB9", "FT232R", 0x0403, 0x6001,
                "A10KZ1", null, true))));
        assertEquals(1, bench.boards().size());
    }

    private static boolean running(BoardTab t) {
        return t.runStateProperty().get() == StepRun.State.RUNNING;
    }

    private static WizardView wizard(BoardTab t) {
        return (WizardView) t.view().wizardSlot().getChildren().get(0);
    }

    /** Presses a button of this tab's (a robot's click would need the tab in front, and the other tab's twin is there too). */
    private static void fire(BoardTab t, String id) {
        ((ButtonBase) t.view().lookup(id)).fire();
    }

    private static String text(BoardTab t, String id) {
        Node n = t.view().lookup(id);
        return n instanceof Label l ? l.getText() : "";
    }
}
