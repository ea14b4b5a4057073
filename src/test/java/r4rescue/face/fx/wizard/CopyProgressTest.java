package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Progress;
import r4rescue.util.Texts;

/** The copy page's figures: nothing invented while tar runs, then the comparison estimated at tar's measured rate. */
@Tag("unit")
class CopyProgressTest {

    /** A step's event as a procedure sends it: its words and, beside them, its key. */
    static Event step(String key) {
        return new Event(Event.Kind.STEP, Texts.t(key), "", null, null, key);
    }

    @Test
    void tarTimeOnlyThenComparisonAtTheMeasuredRate() throws Exception {
        CopyProgress p = new CopyProgress(x -> { }, 100L << 20);
        assertNull(p.at(System.currentTimeMillis()), "no figures before the copy starts");
        p.accept(step("proc.nvme.copyTheRootFilesystem"));
        p.accept(Event.of(Event.Kind.COMMAND, "Copy the root filesystem (tar)", "tar -cf - …"));
        long t0 = System.currentTimeMillis();
        Progress copying = p.at(t0 + 4000);
        assertEquals(-1, copying.fraction(), "tar's progress is unknown while it runs");
        assertTrue(copying.text().contains("100 MiB") && copying.text().endsWith("so far"), copying.text());

        Thread.sleep(200);
        p.accept(step("proc.nvme.verifyFileCountAnd"));
        long t1 = System.currentTimeMillis();
        Progress compared = p.at(t1);
        assertEquals(1 / 3.0, compared.fraction(), 0.02, "the copy is a third: the comparison reads the root twice more");
        assertTrue(compared.estimate() && compared.text().contains("(estimate)"), compared.text());
        assertTrue(compared.secondsLeft() > 0, compared.text());
        assertTrue(p.at(t1 + 3_600_000).fraction() < 1, "an estimate never claims the end before the procedure returns");
    }

    @Test
    void reportFormatFollowsTheFileName() {
        assertEquals(MigrationPages.Format.HTML, MigrationPages.Format.of(Path.of("/tmp/Checklist.HTM")));
        assertEquals(MigrationPages.Format.JSON, MigrationPages.Format.of(Path.of("c.json")));
        assertEquals(MigrationPages.Format.MARKDOWN, MigrationPages.Format.of(Path.of("c.md")));
        assertEquals("465.8 GiB", MigrationPages.size(500_107_862_016L));
        assertEquals("25 MiB", MigrationPages.size(26536L << 10));
        assertEquals("412 KiB", MigrationPages.size(412L << 10));
    }
}
