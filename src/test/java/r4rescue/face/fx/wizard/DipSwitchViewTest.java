package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.board.BoardProfile;
import r4rescue.board.Boards;
import r4rescue.board.Medium;

/** The switch drawing has as many levers as the profile names, labelled and worded from it. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DipSwitchViewTest {

    private DipSwitchView view;

    @Start
    void start(Stage stage) {
        view = new DipSwitchView(BoardProfile.load(Boards.QUAD), "quad", true);
        view.show(Medium.SD);
        stage.setScene(new Scene(view, 500, 200));
        stage.show();
    }

    @Test
    void fourLeversFromTheProfileAndClickingOneChangesTheMedium(FxRobot robot) {
        for (String n : List.of("1", "2", "3", "4")) {
            assertNotNull(robot.lookup("#quad-" + n).query(), "lever " + n);
        }
        assertEquals(List.of(0, 0, 1, 1), view.levers());
        String caption = robot.lookup(".label").queryAs(Label.class).getText();
        assertTrue(caption.contains("3 = 1 (ON)") && caption.contains("card slot"), caption);
        robot.clickOn("#quad-3");
        robot.clickOn("#quad-4");
        robot.clickOn("#quad-1");
        assertEquals(Medium.SNAND, view.medium());
    }
}
