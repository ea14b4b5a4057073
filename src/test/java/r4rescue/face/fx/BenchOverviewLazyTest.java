package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
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
import r4rescue.face.fx.wizard.WizardViewModel;
import r4rescue.link.Links;
import r4rescue.link.PortInfo;

/**
 * The window's start order (a board's tab opened before the window exists, as R4RescueApp does): the
 * bench overview's table is not part of the first frame; it is made when the user opens the overview.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class BenchOverviewLazyTest {

    @TempDir
    static Path dir;

    private BenchView bench;

    @Start
    void start(Stage stage) {
        SharedPortWatch ports = new SharedPortWatch(new PortWatch() {
            @Override
            public void start(Consumer<List<PortInfo>> onChange) {
                onChange.accept(List.of());
            }

            @Override
            public void stop() {
            }
        });
        bench = new BenchView(ports, name -> {
            MainViewModel vm = new MainViewModel(Links::create, ports.forTab(), dir, 20_000);
            WizardViewModel wizard = new WizardViewModel(vm, Boards.R4);
            return new BoardTab(name, vm, wizard, R4RescueApp.assemble(vm, wizard));
        });
        bench.newTab(null, null);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.setScene(new Scene(bench, 1280, 800));
        stage.show();
    }

    @AfterEach
    void stop() {
        bench.shutdown();
    }

    @Test
    void theOverviewTableIsMadeWhenFirstShownNotForTheFirstFrame(FxRobot robot) {
        // the first tab added (the overview) is selected at once: that selection, before the window exists, must not make it
        assertTrue(robot.lookup("#" + BenchView.OVERVIEW_ID).tryQuery().isEmpty(), "the overview's table is in the first frame");
        robot.interact(() -> bench.showOverview());
        TableView<?> table = robot.lookup("#" + BenchView.OVERVIEW_ID).queryAs(TableView.class);
        assertEquals(1, table.getItems().size());
    }
}
