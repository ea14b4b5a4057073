package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.SyntheticImages;

/**
 * Issue 23: the program is killed (SIGKILL) at every step boundary of a FIP flash, with the simulated
 * board served over TCP by its own process; then {@code resume} must name the state the journal
 * holds and end verified — or say SD rescue exactly when the flash really is damaged (the board,
 * power-cycled meanwhile, no longer reaches U-Boot). The flash process is held by the journal right
 * after its Nth record ({@code -Dr4rescue.journal.holdAfter=N}) so the kill lands at that boundary.
 */
@Tag("sim")
class FlashCrashResumeTest {

    private static final ObjectMapper JSON = CrashHarness.JSON;

    @TempDir
    Path dir;

    private CrashHarness bench;
    private final CliRun cli = new CliRun();

    @BeforeEach
    void home() throws Exception {
        bench = new CrashHarness(dir);
    }

    @AfterEach
    void stopSim() throws Exception {
        if (bench != null) {
            bench.close();
        }
    }

    /** Runs {@code flash} in its own process, held after journal record {@code hold} (0: never) and then killed. */
    private String flash(Path file, String part, String timeout, int hold) throws Exception {
        return bench.run(hold, "flash", file.toString(), "--part", part, "--yes", "--timeout", timeout, "-p", bench.port());
    }

    /** What the journal says at the kill, read here from its records (not through the program's reader). */
    private static String expectedWords(List<JsonNode> recs) {
        String kind = "UNTOUCHED";
        String step = "";
        boolean done = false;
        for (JsonNode r : recs) {
            switch (r.get("t").asText()) {
                case "state" -> kind = r.get("kind").asText();
                case "intent" -> {
                    step = r.get("step").asText();
                    done = false;
                }
                case "outcome" -> done = true;
                default -> { }
            }
        }
        String where = step.isEmpty() ? "before its first step" : (done ? "after '" : "during '") + step + "'";
        String meaning = switch (kind) {
            case "UNTOUCHED" -> "before anything was changed";
            case "VERIFIED" -> "with its last change written and verified";
            case "DAMAGED" -> "after the erase began: the FIP is probably damaged";
            case "PARTLY_CHANGED" -> "in the middle of a change that keeps a good copy: the board should still boot";
            default -> kind;
        };
        return where + ", " + meaning;
    }

    private int resume(String timeout) {
        cli.clear();
        return cli.run("resume", "--yes", "--timeout", timeout);
    }

    /**
     * Kills a flash of {@code part} on {@code scenario} at every step boundary; the board is power-cycled
     * before each connection (the user switched it off and on while the program was gone). Returns the
     * boundaries at which resume said SD rescue.
     */
    private List<String> killAtEveryBoundary(String scenario, String part, byte[] a, byte[] b) throws Exception {
        long t0 = System.nanoTime();
        bench.startSim(scenario, true);
        String ext = part.equals("fip") ? "-snand-bl31-uboot.fip" : "-snand-preloader.bin";
        Path[] files = {dir.resolve("a" + ext), dir.resolve("b" + ext)};
        Files.write(files[0], a);
        Files.write(files[1], b);
        flash(files[0], part, "20", 0);
        List<JsonNode> full = CrashHarness.records(bench.journal());
        assertEquals("end", full.get(full.size() - 1).get("t").asText());
        List<String> rescued = new ArrayList<>();
        int i = 0;
        for (int n : CrashHarness.boundaries(full)) {
            bench.clearJournals();
            flash(files[++i % 2], part, "20", n);
            List<JsonNode> recs = CrashHarness.records(bench.journal());
            assertEquals(n, recs.size(), "the kill landed right after record " + n);
            int code = resume("6");
            String out = cli.out();
            String at = n + " " + recs.get(n - 1);
            assertTrue(out.contains(expectedWords(recs)), at + ": " + out);
            if (cli.err().contains("needs the SD rescue")) {
                assertEquals(1, code, cli.err());
                rescued.add(recs.get(n - 1).get("t").asText() + " " + recs.get(n - 1).path("step").asText());
                cli.clear();
                assertEquals(0, cli.run("journal", "--json"));
                assertTrue(JSON.readTree(cli.out()).get(0).get("unfinished").asBoolean(), "kept: the board is not repaired");
                bench.startSim(scenario, true); // a fresh board for the next kill
                flash(files[i % 2], part, "20", 0);
                continue;
            }
            assertEquals(0, code, at + ": " + out + cli.err());
            assertTrue(out.contains("is verified (read back now)") || out.contains("and verified."), out);
            cli.clear();
            assertEquals(0, cli.run("journal", "--json"));
            assertFalse(JSON.readTree(cli.out()).get(0).get("unfinished").asBoolean(), "closed after the resume");
        }
        System.out.printf("%s %s crash test: %d boundaries in %.1f s%n", scenario, part, CrashHarness.boundaries(full).size(),
                (System.nanoTime() - t0) / 1e9);
        return rescued;
    }

    /** A FIP in OpenWrt's UBI volume: one {@code ubi write} replaces it, so no kill leaves it damaged. */
    @Test
    void fipInUbiEveryKillEndsVerified() throws Exception {
        assertEquals(List.of(), killAtEveryBoundary("healthy-nand", "fip",
                SyntheticImages.fip(8_000, 24_000, 1), SyntheticImages.fip(8_000, 24_000, 2)));
    }

    /**
     * A FIP in the vendor layout's raw MTD partition: erase and write are two commands, and a kill
     * between them (after the erase ran, before the write was sent) leaves a board that stops in BL2:
     * only there resume says SD rescue.
     */
    @Test
    void fipInRawMtdNeedsTheSdRescueExactlyWhenErasedAndNotWritten() throws Exception {
        assertEquals(List.of("intent Write"), killAtEveryBoundary("factory-mtk-sdk", "fip",
                SyntheticImages.fip(8_000, 24_000, 3), SyntheticImages.fip(8_000, 24_000, 4)));
    }

    /**
     * OpenWrt's four NAND BL2 copies are rewritten one at a time: whichever boundary the kill lands
     * on, three copies hold a good BL2, the board boots, and resume ends verified.
     */
    @Test
    void bl2CopiesEveryKillEndsVerified() throws Exception {
        assertEquals(List.of(), killAtEveryBoundary("healthy-nand", "bl2",
                SyntheticImages.bl2(r4rescue.board.Medium.SNAND, 20_000, 6),
                SyntheticImages.bl2(r4rescue.board.Medium.SNAND, 20_000, 7)));
    }
}
