package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import r4rescue.AppDirs;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Journal;
import r4rescue.procedure.core.JournalEntry;
import r4rescue.util.Hashes;

/**
 * Issue 23: at the window's start, a FIP flash killed after its erase began is said in plain words;
 * Resume reconnects (a simulated board), reads the FIP back, writes it again and ends verified.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class UnfinishedProcedureTest {

    @TempDir
    static Path dir;

    private Path journal;

    @Start
    void start(Stage stage) throws Exception {
        assumeTrue(System.getProperty("r4rescue.home") != null, "runs under surefire, whose r4rescue.home is in target/");
        Path journals = AppDirs.forThisUser().journals();
        if (Files.isDirectory(journals)) {
            try (var s = Files.list(journals)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        byte[] fip = SyntheticImages.fip(8_000, 24_000, 5);
        Path file = Files.write(dir.resolve("x-snand-bl31-uboot.fip"), fip);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", file.toString());
        f.put("name", file.getFileName().toString());
        f.put("size", fip.length);
        f.put("sha256", Hashes.sha256Hex(fip));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("title", "FIP flash");
        h.put("part", "fip");
        h.put("route", "uboot");
        h.put("file", f);
        h.put("board", "sim:healthy-nand");
        h.put("port", "sim:healthy-nand");
        h.put("baud", 115200);
        h.put("boardProfile", "bpi-r4");
        Journal j = Journal.start(journals, "flash", h);
        j.note("place", "UBI volume fip in MTD partition ubi");
        j.intent("Write", "Replacing UBI volume fip");
        j.state(BoardState.damaged("Damaged: the old fip is gone and the new one is not verified yet."));
        j.close(); // the program died here
        journal = j.file();
        UnfinishedProcedure.checkAtStart(stage, journals);
    }

    @Test
    void theKilledFlashIsSaidInPlainWordsAndResumeEndsVerified(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#unfinishedWords").tryQuery().isPresent());
        String words = robot.lookup("#unfinishedWords").queryAs(Label.class).getText();
        assertTrue(words.startsWith("The FIP flash to UBI volume fip in MTD partition ubi on sim:healthy-nand stopped at "), words);
        assertTrue(words.contains("during 'Write', after the erase began: the FIP is probably damaged."), words);
        long t0 = System.nanoTime();
        robot.clickOn("#resumeButton");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !robot.lookup("#resumeVerdict").queryAs(Label.class)
                .getText().startsWith("Resuming"));
        String verdict = robot.lookup("#resumeVerdict").queryAs(Label.class).getText();
        String lines = robot.lookup("#resumeLines").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(verdict.startsWith("Verified"), verdict + "\n" + lines);
        assertTrue(lines.contains("Not proven done: the place does not hold the file"), lines);
        assertTrue(lines.contains("> ubi write"), "written again: " + lines);
        assertFalse(JournalEntry.read(journal).unfinished(), "the journal is closed");
        System.out.printf("window resume: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
