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
 * Issue 23 for the A/B layout and the extroot route: {@code migrate} on a simulated board that outlives
 * it is journaled like the single layout, and killed (SIGKILL) at chosen step intents (not all: the
 * single layout's test kills at every one); then {@code resume --yes} asks the board and ends with the
 * root (or /overlay) proven on the SSD and the journal closed.
 */
@Tag("sim")
class MigrateRoutesCrashResumeTest {

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
