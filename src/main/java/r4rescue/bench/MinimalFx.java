package r4rescue.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import r4rescue.face.fx.FirstFrame;

/** The smallest JavaFX window, the yardstick for R4 Rescue's start-up time ({@link FirstFrameBench}). */
public final class MinimalFx {

    private MinimalFx() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class);
    }

    /** A label in a window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new Label("Hello"), 400, 300);
            stage.setScene(scene);
            if (FirstFrame.requested()) {
                FirstFrame.reportAndExit(scene);
            }
            stage.show();
        }
    }
}
