package r4rescue.console.bootlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import r4rescue.face.cli.MainCommand;

/** Runs {@code diagnose --json} on every corpus log and compares with its expected JSON. */
@Tag("unit")
class DiagnoseCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path corpus() {
        try {
            return Path.of(DiagnoseCorpusTest.class.getResource("/r4rescue/bootlog/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> logs() throws Exception {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(p -> p.toString().endsWith(".log")).sorted().toList().stream();
        }
    }

    static int run(StringWriter out, String... args) {
        CommandLine cl = new CommandLine(new MainCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void diagnosisMatchesExpected(Path log) throws Exception {
        String name = log.getFileName().toString().replace(".log", "");
        JsonNode expected = JSON.readTree(log.resolveSibling(name + ".expected.json").toFile());
        List<String> args = new ArrayList<>(List.of("diagnose", "--json"));
        expected.path("_args").forEach(a -> args.add(a.asText()));
        args.add(log.toString());
        StringWriter out = new StringWriter();
        int code = run(out, args.toArray(String[]::new));
        JsonNode actual = JSON.readTree(out.toString());
        compare(name, "", expected, actual);
        assertEquals("COMPLETE".equals(actual.path("outcome").asText()) ? 0 : 1, code, name + ": exit code");
    }

    /** Every field in expected must equal the same field in actual (actual may have more fields). */
    private static void compare(String log, String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertTrue(actual != null && actual.isObject(), log + ": " + path + " should be an object, is " + actual);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().startsWith("_")) {
                    compare(log, path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
                }
            }
        } else if (expected.isArray()) {
            assertTrue(actual != null && actual.isArray() && actual.size() == expected.size(),
                    log + ": " + path + " expected " + expected + " got " + actual);
            for (int i = 0; i < expected.size(); i++) {
                compare(log, path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (!expected.equals(actual == null ? JSON.nullNode() : actual)) {
            fail(log + ": " + path + " expected " + expected + " got " + actual);
        }
    }

    @Test
    void corpusCoversTheRequiredCases() throws Exception {
        Set<String> failures = new HashSet<>();
        Set<String> outcomes = new HashSet<>();
        Set<String> completeDevices = new HashSet<>();
        List<Path> all = logs().toList();
        for (Path log : all) {
            JsonNode e = JSON.readTree(log.resolveSibling(log.getFileName().toString().replace(".log", ".expected.json")).toFile());
            outcomes.add(e.path("outcome").asText());
            if (e.path("failure").isObject()) {
                failures.add(e.path("failure").path("id").asText());
            }
            if ("COMPLETE".equals(e.path("outcome").asText())) {
                completeDevices.add(e.path("bootDevice").asText() + (e.path("rootDevice").asText().startsWith("/dev/nvme") ? "+NVME" : ""));
            }
        }
        assertTrue(all.size() >= 25, "corpus size " + all.size());
        assertTrue(completeDevices.containsAll(Set.of("SPI-NAND", "EMMC", "SD", "SPI-NAND+NVME")), completeDevices.toString());
        for (String id : List.of("brom-system-halt", "bl2-fip-load-failed", "bl2-fip-header-bad", "bl2-dram-training",
                "uboot-volume-not-found", "uboot-bad-arm64-magic", "uboot-fit-hash-bad", "uboot-wrong-image-format",
                "linux-rootwait-hang", "linux-vfs-unable-to-mount", "linux-ext4-not-found", "linux-no-fs-could-mount",
                "linux-root-open-failed", "linux-kill-init", "linux-null-pointer", "linux-pcie-link-down",
                "linux-nvme-not-ready", "bl2-msdc-crc", "uboot-tftp-loop", "uboot-nand-not-detected", "reset-loop",
                "bootrom-no-bl2", "silent", "wrong-baud")) {
            assertTrue(failures.contains(id), "no corpus log for " + id);
        }
        assertTrue(outcomes.containsAll(Set.of("COMPLETE", "FAILED", "WAITING", "SILENT", "NOISE")), outcomes.toString());
    }

    @Test
    void unreadableInputExitsTwo() {
        StringWriter out = new StringWriter();
        assertEquals(2, run(out, "diagnose", corpus().resolve("no-such-file.log").toString()));
    }

    @Test
    void humanReportNamesTheFailureAndEvidenceLine() {
        StringWriter out = new StringWriter();
        int code = run(out, "diagnose", corpus().resolve("emmc-system-halt.log").toString());
        assertEquals(1, code);
        String text = out.toString();
        assertTrue(text.contains("Evidence:      line 22: System halt!"), text);
        assertTrue(text.contains("Fix:           Start the SD-card rescue."), text);
    }
}
