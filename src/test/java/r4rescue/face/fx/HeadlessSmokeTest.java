package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class HeadlessSmokeTest {

    private Button button;

    @Start
    void start(Stage stage) {
        button = new Button("press");
        button.setOnAction(e -> button.setText("pressed"));
        stage.setScene(new Scene(button, 200, 100));
        stage.show();
    }

    @Test
    void clickWorksHeadless(FxRobot robot) {
        robot.clickOn(button);
        assertEquals("pressed", button.getText());
    }
}
