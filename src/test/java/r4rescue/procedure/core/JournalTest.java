package r4rescue.procedure.core;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead journal of a procedure: what is on the disk before each step sends, and how it reads back. */
@Tag("unit")
class JournalTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private List<String> types(Path f) throws Exception {
        List<String> t = new ArrayList<>();
        for (String l : Files.readAllLines(f)) {
            JsonNodeHolder.add(t, JSON.readTree(l));
        }
        return t;
    }

    private static final class JsonNodeHolder {
        static void add(List<String> t, com.fasterxml.jackson.databind.JsonNode r) {
            t.add(r.get("t").asText() + (r.has("step") ? " " + r.get("step").asText() : "")
                    + (r.has("kind") ? " " + r.get("kind").asText() : ""));
        }
    }

    @Test
    void eachStepsIntentIsOnTheDiskBeforeItsWorkAndTheOutcomeAfter() throws Exception {
        Path journals = dir.resolve("state/journal");
        Journal j = Journal.start(journals, "flash", Map.of("title", "FIP flash", "part", "fip", "board", "tcp:x:1"));
        List<List<String>> seenAtEvents = new ArrayList<>();
        Procedure p = new Procedure(e -> {
            try {
                seenAtEvents.add(types(j.file()));
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }, new Cancel()).journal(j);
        p.step("Load", "sending");
        assertEquals(List.of("start", "intent Load"), seenAtEvents.get(0), "the intent is written before the step is told");
        p.state(BoardState.damaged("erasing"));
        assertEquals("state DAMAGED", seenAtEvents.get(1).get(2), "the state is written before the command that changes the board");
        String r = p.step("Write", "writing", () -> "ok");
        assertEquals("ok", r);
        p.done("Report", "done");
        p.finish(null);
        assertEquals(List.of("start", "intent Load", "state DAMAGED", "outcome Load", "intent Write", "outcome Write",
                "intent Report", "outcome Report", "end DAMAGED"), types(j.file()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journals)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(j.file())));
    }

    @Test
    void anUnfinishedJournalIsSaidInPlainWordsAndALineCutByTheKillIsIgnored() throws Exception {
        Journal j = Journal.start(dir, "flash", Map.of("title", "FIP flash", "part", "fip", "board", "adapter FTDI A50285BI"));
        j.note("place", "UBI volume fip in MTD partition ubi");
        j.intent("Write", "writing");
        j.state(BoardState.damaged("Damaged: the old fip is gone."));
        Files.writeString(j.file(), "{\"t\":\"outcome\",\"ti", java.nio.file.StandardOpenOption.APPEND);
        JournalEntry e = JournalEntry.newestUnfinished(dir).orElseThrow();
        assertTrue(e.unfinished());
        assertEquals("Write", e.lastStep());
        assertFalse(e.lastStepDone(), "the cut outcome does not count");
        assertTrue(e.words().matches("The FIP flash to UBI volume fip in MTD partition ubi on adapter FTDI A50285BI stopped at "
                + "\\d\\d:\\d\\d:\\d\\d during 'Write', after the erase began: the FIP is probably damaged\\. Damaged: the old fip is gone\\."),
                e.words());
        assertTrue(e.toJson().get("destructiveBegan").asBoolean());
    }

    @Test
    void aRunEndedVerifiedOrUntouchedIsFinishedOneEndedDamagedIsNot() throws Exception {
        Journal ok = Journal.start(dir, "flash", Map.of("title", "BL2 flash"));
        ok.state(BoardState.verified("written and verified"));
        ok.end("done", BoardState.verified("written and verified"), null);
        assertFalse(JournalEntry.read(ok.file()).unfinished());
        assertTrue(JournalEntry.newestUnfinished(dir).isEmpty());
        Journal bad = Journal.start(dir, "flash", Map.of("title", "BL2 flash"));
        bad.end("cancelled", BoardState.damaged("aborted on the second cancel"), "Aborted");
        assertEquals(bad.id(), JournalEntry.newestUnfinished(dir).orElseThrow().id());
        assertEquals(2, JournalEntry.list(dir).size());
    }
}
