package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import r4rescue.face.cli.CrashHarness;
import r4rescue.procedure.core.JournalEntry;

/**
 * Issue 23 in the window for a migration: {@code migrate} on a simulated board in its own process is
 * killed (SIGKILL) as it is about to copy the root (the SSD partitioned, formatted and mounted on the
 * copy's mount point); the window's Resume asks the board, runs the migration again from the partition
 * table, proves the root on the SSD by device number, and closes the journal.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class UnfinishedMigrationTest {

    /** The journal record of the copy's intent in a single-root migration on the sim (asserted below). */
    private static final int COPY_INTENT = 16;

    @TempDir
    static Path dir;

    private CrashHarness bench;
    private Path journal;
    private Stage shown;

    @Start
    void start(Stage stage) throws Exception {
        bench = new CrashHarness(dir);
        bench.startSim("healthy-nand", false);
        bench.run(COPY_INTENT, "migrate", "-p", bench.port(), "--yes");
        journal = bench.journal();
        List<JsonNode> recs = CrashHarness.records(journal);
        JsonNode last = recs.get(COPY_INTENT - 1);
        assertEquals("intent", last.get("t").asText(), last.toString());
        assertTrue(last.get("step").asText().startsWith("Copy the root filesystem"), last.toString());
        shown = UnfinishedProcedure.show(stage, JournalEntry.read(journal));
    }

    @AfterEach
    void stop() throws Exception {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void resumeInTheWindowMigratesAgainAndProvesTheRoot(FxRobot robot) throws Exception {
        String words = robot.lookup("#unfinishedWords").queryAs(Label.class).getText();
        assertTrue(words.startsWith("The root migration to NVMe on "), words);
        assertTrue(words.contains("during 'Copy the root filesystem (tar)'"), words);
        String note = robot.lookup("#resumeNote").queryAs(Label.class).getText();
        assertTrue(note.startsWith("Resume reconnects, opens the board's shell and asks it where its root (or /overlay) is"), note);
        long t0 = System.nanoTime();
        robot.clickOn("#resumeButton");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !robot.lookup("#resumeVerdict").queryAs(Label.class)
                .getText().startsWith("Resuming"));
        String verdict = robot.lookup("#resumeVerdict").queryAs(Label.class).getText();
        String lines = robot.lookup("#resumeLines").queryAs(TextArea.class).getText();
        assertTrue(verdict.startsWith("Verified"), verdict + "\n" + lines);
        assertTrue(lines.contains("runs again from the partition table"), lines);
        assertTrue(lines.contains("Root is /dev/nvme0n1p1"), lines);
        JournalEntry after = JournalEntry.read(journal);
        assertFalse(after.unfinished(), "the journal is closed: " + after.toJson());
        assertEquals("Prove the root is /dev/nvme0n1p1", after.lastStep());
        System.out.printf("window resume of a migration: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        robot.interact(shown::close);
    }
}
