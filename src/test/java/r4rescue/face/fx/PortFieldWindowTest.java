package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.WindowFixture.waitFor;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.link.PipeLink;
import r4rescue.link.PortInfo;

/** The port field and the menu of ports found: pick one, or type one and press Enter to connect. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class PortFieldWindowTest {

    @TempDir
    static Path logs;

    private final List<String> opened = new CopyOnWriteArrayList<>();
    private MainViewModel vm;

    @Start
    void start(Stage stage) {
        vm = WindowFixture.viewModel((spec, baud) -> {
            opened.add(spec);
            return new PipeLink(spec, baud, (d, o, n) -> { });
        }, logs, 1000, WindowFixture.adapter("/dev/ttyUSB0", "ttyUSB0", "CP2102 USB to UART"),
                new PortInfo("/dev/ttyS0", "ttyS0", "Physical port", -1, -1, null, null, false));
        WindowFixture.show(stage, vm, new MainView(vm), 1100, 700);
    }

    @AfterEach
    void tearDown() {
        vm.shutdown();
    }

    @Test
    void pickFromTheMenuOrTypeAndPressEnter(FxRobot robot) {
        TextField field = robot.lookup("#portPicker").queryAs(TextField.class);
        waitFor(() -> "/dev/ttyUSB0".equals(field.getText()), 10_000, "the likely adapter is preselected and shown");

        robot.clickOn("#portMenu");
        robot.clickOn("/dev/ttyS0 — Physical port");
        waitFor(() -> "/dev/ttyS0".equals(vm.portProperty().get()), 10_000, "the picked port is the one to open");
        assertEquals("/dev/ttyS0", field.getText());
        assertTrue(opened.isEmpty(), "picking does not connect yet");

        robot.doubleClickOn(field).eraseText(20).write("tcp:127.0.0.1:2000");
        robot.type(KeyCode.ENTER);
        waitFor(() -> vm.connectedProperty().get(), 10_000, "Enter in the field connects");
        assertEquals(List.of("tcp:127.0.0.1:2000"), opened);
        assertEquals("tcp:127.0.0.1:2000", vm.portProperty().get());
        assertTrue(field.isDisabled() && robot.lookup("#portMenu").query().isDisabled(), "no changing ports while connected");
    }
}
