package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import r4rescue.board.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code each} over several simulated boards: prefixed output, the table, JSON per port, the exit code. */
@Tag("sim")
class EachCommandTest {

    private static final String[] CHECKLIST = {"checklist", "--json", "--attest", "fallback-sd=seen", "--attest", "data-backup=nightly"};

    @TempDir
    Path dir;

    /** A simulated migrated board of its own: a copy of the nvme-root scenario (one port is one board). */
    private String migratedBoard(String name) throws Exception {
        Path f = dir.resolve(name + ".json");
        try (InputStream in = getClass().getResourceAsStream("/r4rescue/sim/scenarios/nvme-root.json")) {
            Files.write(f, in.readAllBytes());
        }
        return "sim:" + f;
    }

    private static String[] args(List<String> head, String... tail) {
        List<String> a = new ArrayList<>(head);
        a.addAll(List.of(tail));
        return a.toArray(String[]::new);
    }

    @Test
    void checklistOnFourBoardsOneFailingGivesTheTableJsonAndExitCodeInAboutTheTimeOfOne() throws Exception {
        String a = migratedBoard("a");
        String b = migratedBoard("b");
        String c = migratedBoard("c");
        String nand = "sim:healthy-nand"; // root still on SPI-NAND: the checklist fails

        CliRun one = new CliRun();
        long t0 = System.nanoTime();
        assertEquals(MainCommand.OK, one.run(args(List.of("each", "-p", a, "--"), CHECKLIST)), one.err());
        double single = (System.nanoTime() - t0) / 1e9;

        Path list = dir.resolve("ports.txt");
        Files.writeString(list, "# bench left\n" + b + "\n\n" + c + "\n");
        CliRun four = new CliRun();
        t0 = System.nanoTime();
        int code = four.run(args(List.of("each", "-p", a, "-p", "@" + list, "-p", nand, "--json", "--"), CHECKLIST));
        double all = (System.nanoTime() - t0) / 1e9;
        System.out.printf("each-checklist-sim one board %.2f s, four boards %.2f s%n", single, all);

        assertEquals(MainCommand.BOARD_SAID_NO, code, four.err());
        List<JsonNode> objects = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : four.out().strip().split("\n")) {
            objects.add(json.readTree(line)); // stdout holds nothing but the JSON objects
        }
        assertEquals(List.of(a, b, c, nand), objects.stream().map(o -> o.get("port").asText()).toList());
        assertEquals(List.of(0, 0, 0, 1), objects.stream().map(o -> o.get("exitCode").asInt()).toList());
        for (JsonNode o : objects) { // each result is the checklist that board gave, not another's
            assertEquals(o.get("port").asText(), o.get("result").get("board").get("console").asText(), o.toString());
            assertEquals(8, o.get("result").get("items").size(), o.toString());
        }
        assertTrue(objects.get(3).get("result").toString().contains("\"FAIL\""), objects.get(3).toString());

        String err = four.err();
        int w = a.length();
        assertTrue(err.contains(String.format("%-" + w + "s | ", nand) + "{"), "the failing board's lines carry its port:\n" + err);
        assertTrue(err.matches("(?s).*\\n" + java.util.regex.Pattern.quote(String.format("%-" + w + "s  %4d  %-9s", c, 0, "ok")) + ".*"), err);
        assertTrue(err.matches("(?s).*\\n" + java.util.regex.Pattern.quote(String.format("%-" + w + "s  %4d  %-9s", nand, 1, "failed")) + ".*"), err);
        assertTrue(err.contains("3 of 4 succeeded."), err);
        // in parallel: far less than the four runs one after another would take
        assertTrue(all < 2.5 * single + 1, "four boards took " + all + " s, one took " + single + " s");
    }

    @Test
    void refusedBeforeAnyBoardIsOpened() throws Exception {
        CliRun cli = new CliRun();
        assertEquals(MainCommand.BAD_INPUT, cli.run("each", "-p", "sim:nvme-root", "-p", "sim:nvme-root", "--", "checklist"));
        assertTrue(cli.err().contains("sim:nvme-root is given twice"), cli.err());
        cli.clear();
        assertEquals(MainCommand.BAD_INPUT, cli.run("each", "-p", "sim:nvme-root", "--", "ports"));
        assertTrue(cli.err().contains("'ports' talks to no board"), cli.err());
        cli.clear();
        assertEquals(MainCommand.BAD_INPUT, cli.run("each", "-p", "sim:nvme-root", "--", "checklist", "-p", "sim:x"));
        assertTrue(cli.err().contains("give the ports to each"), cli.err());
        cli.clear();
        assertEquals(MainCommand.BAD_INPUT, cli.run("each", "-p", "/dev/r4-no-such-port", "--", "checklist", "--no-such-option"));
        assertTrue(cli.err().contains("--no-such-option"), cli.err());
        assertTrue(!cli.err().contains("/dev/r4-no-such-port |"), "no run started:\n" + cli.err());
    }

    /** One Ctrl-C stops both flashes before their erase: each says its own board is untouched, and each ends 130. */
    @Test
    void ctrlCStopsEveryRunWithItsOwnState() throws Exception {
        Signal intr = new Signal("INT");
        SignalHandler before = Signal.handle(intr, s -> { }); // a late signal must not end the test JVM
        org.junit.jupiter.api.Assumptions.assumeFalse(before == SignalHandler.SIG_IGN, SigintIgnored.WHY);
        try {
            Path f = dir.resolve("openwrt-bananapi_bpi-r4-snand-bl31-uboot.fip");
            Files.write(f, SyntheticImages.fip(10_000, 40_000, 171));
            String a = "sim:healthy-nand@paced";
            String b = "sim:" + dir.resolve("b.json") + "@paced";
            try (InputStream in = getClass().getResourceAsStream("/r4rescue/sim/scenarios/healthy-nand.json")) {
                Files.write(dir.resolve("b.json"), in.readAllBytes());
            }
            CliRun cli = new CliRun();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() ->
                    cli.run("each", "-p", a, "-p", b, "--", "flash", f.toString(), "--part", "fip", "--yes"));
            long end = System.currentTimeMillis() + 120_000;
            while (cli.out().split("== Send the image to RAM", -1).length < 3 && !run.isDone() && System.currentTimeMillis() < end) {
                Thread.sleep(5);
            }
            Signal.raise(intr);
            int code = run.get(120, TimeUnit.SECONDS);
            assertEquals(130, code, cli.out() + cli.err());
            String w = "%-" + b.length() + "s | ";
            for (String p : List.of(a, b)) {
                assertTrue(cli.err().contains(String.format(w, p) + "Board state: untouched"), p + ":\n" + cli.err());
            }
            assertTrue(!cli.out().contains("> ubi write"), cli.out());
        } finally {
            Signal.handle(intr, before);
        }
    }
}
