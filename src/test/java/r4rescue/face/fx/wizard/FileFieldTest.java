package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import javafx.scene.Scene;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.face.Settings;

/** Recent image files from the settings fill the field in one pick. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class FileFieldTest {

    private FileField field;

    @Start
    void start(Stage stage) {
        Settings s = new Settings();
        s.addRecentImage(Path.of("/images/old-fip.fip"));
        s.addRecentImage(Path.of("/images/openwrt-bananapi_bpi-r4-snand-preloader.bin"));
        FileField.useRecents(s);
        field = new FileField("testPath", "BL2 preloader", "");
        stage.setScene(new Scene(field, 600, 120));
        stage.show();
    }

    @AfterEach
    void noRecents() {
        FileField.useRecents(null);
    }

    @Test
    void aRecentFileIsOfferedNewestFirst(FxRobot robot) {
        robot.clickOn("Recent");
        robot.clickOn("/images/openwrt-bananapi_bpi-r4-snand-preloader.bin");
        assertEquals(Path.of("/images/openwrt-bananapi_bpi-r4-snand-preloader.bin"), field.path());
    }
}
