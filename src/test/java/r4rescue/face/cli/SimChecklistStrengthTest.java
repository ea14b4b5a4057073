package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checklist's items that passed on the user's word or failed for want of a tool (#21 item 5). */
@Tag("sim")
class SimChecklistStrengthTest {

    @TempDir
    Path dir;
    private final CliRun cli = new CliRun();

    private JsonNode item(String id) throws Exception {
        String out = cli.out();
        assertTrue(out.contains("{"), "no report: " + cli.err());
        JsonNode report = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
        for (JsonNode n : report.get("items")) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no item " + id + " in " + out);
    }

    @Test
    void anSdBootedBoardFailsTheBootloaderItemThoughNandHasABl2() throws Exception {
        long t0 = System.nanoTime();
        assertEquals(MainCommand.BOARD_SAID_NO, cli.run("checklist", "--json", "-p", "sim:sd-rescue"), cli.err());
        JsonNode bl = item("bootloader-on-flash");
        assertEquals("FAIL", bl.get("status").asText(), bl.toString());
        assertTrue(bl.get("evidence").asText().contains("this boot came from the SD card"), bl.toString());
        System.out.printf("cli-checklist-sd-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void anSdBootThisProgramSawProvesTheFallbackCard() throws Exception {
        long t0 = System.nanoTime();
        String before = System.getProperty("r4rescue.home");
        System.setProperty("r4rescue.home", dir.resolve("home").toString()); // session logs of this test only
        try {
            assertEquals(MainCommand.BOARD_SAID_NO, cli.run("checklist", "--json", "-p", "sim:nvme-root"), cli.err());
            assertEquals("NOT_ATTESTED", item("fallback-sd").get("status").asText(), "a NAND boot proves no card");
            cli.clear();
            cli.run("checklist", "--json", "-p", "sim:sd-rescue"); // the board boots from its card: BL2 and U-Boot say so
            cli.clear();
            assertEquals(MainCommand.BOARD_SAID_NO, cli.run("checklist", "--json", "-p", "sim:nvme-root"), cli.err());
            JsonNode sd = item("fallback-sd");
            assertEquals("PASS", sd.get("status").asText(), sd.toString());
            String ev = sd.get("evidence").asText();
            assertTrue(ev.startsWith("this program saw the board boot from the SD card on 20") && ev.contains("sdmmc")
                    && ev.contains("then the card's U-Boot \"U-Boot 20") && ev.contains(".log)"), ev);
        } finally {
            if (before == null) {
                System.clearProperty("r4rescue.home");
            } else {
                System.setProperty("r4rescue.home", before);
            }
        }
        System.out.printf("cli-checklist-sd-seen-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aNandBootedBoardStillPassesIt() throws Exception {
        assertEquals(MainCommand.BOARD_SAID_NO, cli.run("checklist", "--json", "-p", "sim:nvme-root"), cli.err());
        assertEquals("PASS", item("bootloader-on-flash").get("status").asText());
    }

    @Test
    void bootargsAreReadAtTheUBootPromptWithoutFwPrintenv() throws Exception {
        long t0 = System.nanoTime();
        Path f = dir.resolve("migrated-no-fw.json");
        try (InputStream in = getClass().getResourceAsStream("/r4rescue/sim/scenarios/nvme-root.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(f, json.replaceFirst("\\{", "{\"absentFiles\": [\"/usr/sbin/fw_printenv\", \"/usr/sbin/fw_setenv\"],"));
        }
        assertEquals(MainCommand.BOARD_SAID_NO, cli.run("checklist", "--json", "-p", "sim:" + f), cli.err());
        JsonNode args = item("bootargs-root");
        assertEquals("PASS", args.get("status").asText(), args.toString());
        assertTrue(args.get("evidence").asText().contains("root=/dev/nvme0n1p1") && args.get("evidence").asText().contains("U-Boot prompt"),
                args.toString());
        // back in Linux after U-Boot: the items after it were answered by the board
        assertEquals("PASS", item("ab-partitions").get("status").asText(), cli.out());
        System.out.printf("cli-checklist-printenv-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
