package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

import r4rescue.console.SessionSteps;
import r4rescue.procedure.transcript.Transcript;
import r4rescue.util.Hashes;

/** #18: a file the user picks in the window is in the session transcript's files.json (name, size, SHA-256), as the CLI's are. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class WindowFilesTranscriptTest {

    @TempDir
    static Path dir;

    private final WizardHarness h = new WizardHarness();

    @Start
    void start(Stage stage) {
        h.start(stage, dir.resolve("logs"), 1280, 800);
    }

    @AfterEach
    void tearDown() {
        h.stop();
    }

    @Test
    void anImageEnteredInTheWizardIsInTheTranscriptsFiles(FxRobot robot) throws Exception {
        Path image = Files.write(dir.resolve("my-sdcard.img"), new byte[] {1, 2, 3, 4, 5, 6, 7});
        waitFor(() -> "sim:healthy-nand".equals(h.vm.portProperty().get()), 5000, "the simulated board is offered");
        click(robot, "#connectButton");
        waitFor(() -> h.wizardVm.benchProperty().get() != null, 10_000, "connected to the simulated board");
        click(robot, "#flowSd");
        robot.interact(() -> robot.lookup("#sdImagePath").queryTextInputControl().setText(image.toString()));
        click(robot, "#sdImagePath");
        robot.type(KeyCode.ENTER);
        waitFor(() -> steps().contains("my-sdcard.img"), 10_000, "the file in the session's steps: " + steps());
        robot.interact(() -> h.vm.disconnect());
        waitFor(() -> !h.vm.busyProperty().get() && !h.vm.connectedProperty().get(), 10_000, "disconnected");

        Path zip = dir.resolve("transcript.zip");
        Transcript.write(Transcript.find(dir.resolve("logs"), null), zip, "test");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            JsonNode files = new ObjectMapper().readTree(z.getInputStream(z.getEntry("files.json")));
            assertEquals(1, files.size(), files.toString());
            assertEquals("my-sdcard.img", files.get(0).path("name").asText());
            assertEquals(7, files.get(0).path("size").asLong());
            assertEquals(Hashes.sha256Hex(image), files.get(0).path("sha256").asText());
            String readme = new String(z.getInputStream(z.getEntry("README.md")).readAllBytes());
            assertTrue(readme.contains("| my-sdcard.img | 7 | " + Hashes.sha256Hex(image)), readme);
        }
    }

    private static String steps() {
        try {
            List<Path> sessions = Transcript.sessions(dir.resolve("logs"));
            return sessions.isEmpty() ? "" : Files.readString(SessionSteps.beside(sessions.get(sessions.size() - 1)));
        } catch (IOException e) {
            return "";
        }
    }
}
