package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 for the A/B layout: {@code migrate --layout ab} on a simulated board that outlives it is
 * journaled like the single layout (layout, slot, root size), and killed (SIGKILL) at chosen step
 * intents — formatting slot B, the reboot, the proof (the copy's kill is the window test's) — then {@code resume --yes}
 * asks the board, ends with the root proven in slot A, the journal closed, and the SSD holding the
 * A/B slots ({@code slot status}).
 */
@Tag("sim")
class MigrateAbCrashResumeTest {

    private static final String SLOT_A = "/dev/nvme0n1p1";

    @TempDir
    Path dir;

    private CrashHarness bench;
    private final CliRun cli = new CliRun();

    @BeforeEach
    void home() throws Exception {
        bench = new CrashHarness(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (bench != null) {
            bench.close();
        }
    }

    private JsonNode newestJournal() throws Exception {
        cli.clear();
        assertEquals(0, cli.run("journal", "--json"), cli.err());
        return CrashHarness.JSON.readTree(cli.out()).get(0);
    }

    /** The record numbers of the intents of the steps starting with {@code names}, in the run's order. */
    private static List<Integer> intents(List<JsonNode> full, String... names) {
        List<Integer> at = new ArrayList<>();
        for (int n : CrashHarness.boundaries(full, "intent")) {
            String step = full.get(n - 1).get("step").asText();
            if (List.of(names).stream().anyMatch(step::startsWith)) {
                at.add(n);
            }
        }
        assertEquals(names.length, at.size(), "one intent each: " + at);
        return at;
    }

    @Test
    void aKillAtChosenStepsOfAnAbRunEndsWithTheRootProvenInSlotA() throws Exception {
        long t0 = System.nanoTime();
        bench.startSim("healthy-nand", false);
        bench.run(0, "migrate", "-p", bench.port(), "--yes", "--layout", "ab");
        List<JsonNode> full = CrashHarness.records(bench.journal());
        JsonNode head = full.get(0);
        assertEquals("migrate", head.get("procedure").asText());
        assertEquals("ab", head.get("layout").asText(), head.toString());
        assertEquals("A", head.get("slot").asText(), head.toString());
        assertEquals(SLOT_A, head.get("partition").asText(), head.toString());
        assertEquals("end", full.get(full.size() - 1).get("t").asText());
        System.out.printf("migrate --layout ab on the sim: %d records, %.1f s%n", full.size(), (System.nanoTime() - t0) / 1e9);
        List<String> resumedBy = new ArrayList<>();
        for (int n : intents(full, "Format /dev/nvme0n1p2", "Reboot", "Prove the root")) {
            long t1 = System.nanoTime();
            bench.clearJournals();
            bench.startSim("healthy-nand", false);
            bench.run(n, "migrate", "-p", bench.port(), "--yes", "--layout", "ab");
            String at = n + " " + full.get(n - 1).get("step").asText();
            JsonNode listed = newestJournal();
            assertTrue(listed.get("unfinished").asBoolean(), at);
            assertTrue(listed.get("words").asText().startsWith("The root migration to NVMe (A/B slots) on "), listed.toString());
            cli.clear();
            int code = cli.run("resume", "--yes");
            String out = cli.out();
            assertEquals(0, code, at + ": " + out + cli.err());
            assertTrue(out.contains("Root is " + SLOT_A) || out.contains("OK: the root is on " + SLOT_A + ", slot A (proven now)."),
                    at + ": " + out);
            resumedBy.add(out.contains("OK: the root is on") ? "proven" : out.contains("runs again from the partition table")
                    ? "again" : "reboot");
            assertFalse(newestJournal().get("unfinished").asBoolean(), at + ": closed after the resume");
            cli.clear();
            assertEquals(0, cli.run("slot", "status", "-p", bench.port(), "--json"), cli.err());
            JsonNode slots = CrashHarness.JSON.readTree(cli.out());
            assertEquals("A", slots.get("activeSlot").asText(), at + ": " + slots);
            assertEquals("root-B", slots.get("slots").get(1).get("label").asText(), at + ": the A/B layout, " + slots);
            System.out.printf("kill after record %d (%s): resume %s in %.1f s%n", n, at, resumedBy.get(resumedBy.size() - 1),
                    (System.nanoTime() - t1) / 1e9);
        }
        assertEquals(List.of("again", "reboot", "proven"), resumedBy);
        System.out.printf("A/B migrate crash test: %d kills in %.1f s%n", resumedBy.size(), (System.nanoTime() - t0) / 1e9);
    }
}
