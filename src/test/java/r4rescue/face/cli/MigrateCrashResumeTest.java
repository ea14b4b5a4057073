package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 for the migration: the program is killed (SIGKILL) at every step (before the step sends anything) of
 * {@code migrate} on a simulated board that outlives it; {@code journal --json} lists the interrupted
 * run, and {@code resume} asks the board where its root is and ends with the root proven on the SSD.
 * The A/B layout and the extroot route are killed at chosen steps only (not all: wall time).
 */
@Tag("sim")
class MigrateCrashResumeTest {

    private static final String P1 = "/dev/nvme0n1p1";

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

    /** The record numbers of the intents of the steps starting with {@code names}, in the run's order. */
    private static List<Integer> intents(List<JsonNode> full, List<String> names) {
        List<Integer> at = new ArrayList<>();
        for (int n : CrashHarness.boundaries(full, "intent")) {
            String step = full.get(n - 1).get("step").asText();
            if (names.stream().anyMatch(step::startsWith)) {
                at.add(n);
            }
        }
        assertEquals(names.size(), at.size(), "one intent each: " + at);
        return at;
    }

    /**
     * Runs {@code migrate args} on {@code scenario} to its end (checking its journal's header), then once
     * per step in {@code killAt}, killed at its intent and resumed; {@code after} checks the board after
     * each resume. Returns how each resume went: again, reboot or proven.
     */
    private List<String> killAndResume(String scenario, List<String> args, Consumer<JsonNode> header, List<String> killAt,
                                       String proven, Runnable after) throws Exception {
        long t0 = System.nanoTime();
        List<String> migrate = new ArrayList<>(List.of("migrate", "-p", "PORT", "--yes"));
        migrate.addAll(args);
        bench.startSim(scenario, false);
        migrate.set(2, bench.port());
        bench.run(0, migrate.toArray(String[]::new));
        List<JsonNode> full = CrashHarness.records(bench.journal());
        assertEquals("migrate", full.get(0).get("procedure").asText());
        header.accept(full.get(0));
        assertEquals("end", full.get(full.size() - 1).get("t").asText());
        System.out.printf("migrate %s on %s: %d records, %.1f s%n", args, scenario, full.size(), (System.nanoTime() - t0) / 1e9);
        List<String> resumedBy = new ArrayList<>();
        for (int n : intents(full, killAt)) {
            long t1 = System.nanoTime();
            bench.clearJournals();
            bench.startSim(scenario, false);
            migrate.set(2, bench.port());
            bench.run(n, migrate.toArray(String[]::new));
            String at = n + " " + full.get(n - 1).get("step").asText();
            JsonNode listed = newestJournal();
            assertTrue(listed.get("unfinished").asBoolean(), at);
            assertEquals(full.get(0).get("title").asText(), listed.get("header").get("title").asText(), at);
            cli.clear();
            int code = cli.run("resume", "--yes");
            String out = cli.out();
            assertEquals(0, code, at + ": " + out + cli.err());
            resumedBy.add(out.contains(proven) ? "proven" : out.contains("runs again from the partition table") ? "again" : "reboot");
            assertFalse(newestJournal().get("unfinished").asBoolean(), at + ": closed after the resume");
            after.run();
            System.out.printf("kill after record %d (%s): resume %s in %.1f s%n", n, at, resumedBy.get(resumedBy.size() - 1),
                    (System.nanoTime() - t1) / 1e9);
        }
        System.out.printf("%s crash test: %d kills in %.1f s%n", args, resumedBy.size(), (System.nanoTime() - t0) / 1e9);
        return resumedBy;
    }

    @Test
    void aKillAtChosenStepsOfAnAbRunEndsWithTheRootProvenInSlotA() throws Exception {
        List<String> resumedBy = killAndResume("healthy-nand", List.of("--layout", "ab"), h -> {
            assertEquals("ab", h.get("layout").asText(), h.toString());
            assertEquals("A", h.get("slot").asText(), h.toString());
            assertEquals(P1, h.get("partition").asText(), h.toString());
        }, List.of("Format /dev/nvme0n1p2", "Reboot", "Prove the root"), "OK: the root is on " + P1 + ", slot A (proven now).", () -> {
            cli.clear();
            assertEquals(0, cli.run("slot", "status", "-p", bench.port(), "--json"), cli.err());
            JsonNode slots;
            try {
                slots = CrashHarness.JSON.readTree(cli.out());
            } catch (java.io.IOException e) {
                throw new AssertionError(cli.out(), e);
            }
            assertEquals("A", slots.get("activeSlot").asText(), slots.toString());
            assertEquals("root-B", slots.get("slots").get(1).get("label").asText(), "the A/B layout: " + slots);
        });
        assertEquals(List.of("again", "reboot", "proven"), resumedBy);
    }

    @Test
    void aKillAtChosenStepsOfAnExtrootRunEndsWithTheOverlayProven() throws Exception {
        List<String> resumedBy = killAndResume("stock-openwrt-extroot", List.of(), h -> {
            assertEquals("extroot", h.get("route").asText(), h.toString());
            assertEquals(P1, h.get("partition").asText(), h.toString());
        }, List.of("Copy the overlay", "Reboot", "Prove /overlay"), "OK: /overlay is on " + P1 + " (proven now).", () -> {
            cli.clear();
            assertEquals(0, cli.run("journal", "--json"), cli.err());
            assertTrue(cli.out().contains("running with /overlay on " + P1), cli.out());
        });
        assertEquals(List.of("again", "reboot", "proven"), resumedBy);
    }
}
