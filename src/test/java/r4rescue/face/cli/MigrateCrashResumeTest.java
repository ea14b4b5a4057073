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
 * Issue 23 for the single-root migration: the program is killed (SIGKILL) at every step (before the step sends anything) of
 * {@code migrate} on a simulated board that outlives it; {@code journal --json} lists the interrupted
 * run, and {@code resume} asks the board where its root is and ends with the root proven on the SSD.
 */
@Tag("sim")
class MigrateCrashResumeTest {

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

    @Test
    void aKillAtEveryStepEndsWithTheRootProvenOnTheSsd() throws Exception {
        long t0 = System.nanoTime();
        bench.startSim("healthy-nand", false);
        bench.run(0, "migrate", "-p", bench.port(), "--yes");
        List<JsonNode> full = CrashHarness.records(bench.journal());
        assertEquals("end", full.get(full.size() - 1).get("t").asText());
        assertEquals("migrate", full.get(0).get("procedure").asText());
        System.out.printf("migrate on the sim: %d records, %.1f s%n", full.size(), (System.nanoTime() - t0) / 1e9);
        List<String> resumedBy = new ArrayList<>();
        for (int n : CrashHarness.boundaries(full, "intent")) {
            long t1 = System.nanoTime();
            bench.clearJournals();
            bench.startSim("healthy-nand", false);
            bench.run(n, "migrate", "-p", bench.port(), "--yes");
            List<JsonNode> recs = CrashHarness.records(bench.journal());
            String at = n + " " + recs.get(n - 1);
            JsonNode listed = newestJournal();
            assertTrue(listed.get("unfinished").asBoolean(), at);
            assertEquals("migrate", listed.get("procedure").asText(), at);
            cli.clear();
            int code = cli.run("resume", "--yes");
            String out = cli.out();
            assertEquals(0, code, at + ": " + out + cli.err());
            assertTrue(out.contains("Root is /dev/nvme0n1p1") || out.contains("OK: the root is on /dev/nvme0n1p1 (proven now)."),
                    at + ": " + out);
            resumedBy.add(out.contains("OK: the root is on") ? "proven" : out.contains("runs again from the partition table")
                    ? "again" : "reboot");
            assertFalse(newestJournal().get("unfinished").asBoolean(), at + ": closed after the resume");
            System.out.printf("kill after record %d (%s %s): resume %s in %.1f s%n", n, recs.get(n - 1).get("t").asText(),
                    recs.get(n - 1).path("step").asText(), resumedBy.get(resumedBy.size() - 1), (System.nanoTime() - t1) / 1e9);
        }
        assertTrue(resumedBy.contains("again") && resumedBy.contains("proven"), resumedBy.toString());
        System.out.printf("migrate crash test: %d boundaries in %.1f s%n", resumedBy.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** The cable goes during a resume: the user reads that the board stopped answering, and the journal stays open. */
    @Test
    void aResumeThatLosesTheBoardSaysSoAndKeepsTheJournal() throws Exception {
        bench.startSim("healthy-nand", false);
        bench.run(2, "migrate", "-p", bench.port(), "--yes"); // killed before the first step sent anything
        int[] code = {-1};
        Thread resume = new Thread(() -> code[0] = cli.run("resume", "--yes", "--timeout", "5"));
        resume.start();
        long end = System.nanoTime() + 60_000_000_000L;
        while (!cli.err().contains("Copy the root filesystem")) {
            assertTrue(resume.isAlive() && System.nanoTime() < end, cli.out() + cli.err());
            Thread.sleep(20);
        }
        bench.pullTheCable();
        resume.join(120_000);
        assertFalse(resume.isAlive());
        assertTrue(code[0] == MainCommand.BOARD_SAID_NO || code[0] == MainCommand.NO_LINK, code[0] + ": " + cli.err());
        assertFalse(cli.err().contains("Exception in") || cli.err().contains("\tat r4rescue"), cli.err());
        assertTrue(newestJournal().get("unfinished").asBoolean(), "kept for the next resume");
    }
}
