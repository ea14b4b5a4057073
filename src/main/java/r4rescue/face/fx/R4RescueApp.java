package r4rescue.face.fx;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The window. */
public final class R4RescueApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("R4 Rescue");
        stage.setScene(new Scene(new Label("R4 Rescue"), 1100, 720));
        stage.show();
    }
}
