package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The simulated stock OpenWrt has the BusyBox applets OpenWrt's build has, and not those it leaves out
 * (migrate.json "openwrtBusybox", from Config-defaults.in: no od, xxd, stat, blockdev, lspci; fdisk and
 * blkid only where their packages are installed), so no procedure can pass here by a tool the board lacks.
 */
@Tag("sim")
class SimOpenWrtBusyboxTest {

    static JsonNode busybox() throws Exception {
        try (InputStream in = SimOpenWrtBusyboxTest.class.getResourceAsStream("/r4rescue/procedure/migrate.json")) {
            return new ObjectMapper().readTree(in).get("openwrtBusybox");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stock-openwrt", "stock-openwrt-extroot"})
    void appletsAreThoseOfOpenWrtsBusybox(String scenario) throws Exception {
        JsonNode bb = busybox();
        assertTrue(bb.get("confirmed").asBoolean());
        try (SimHarness h = new SimHarness(scenario)) {
            h.board.powerOn();
            h.expect("Please press Enter to activate this console.");
            h.send("\r");
            h.expect("root@OpenWrt:~# ");
            for (JsonNode a : bb.get("has")) {
                assertTrue(h.sh("which " + a.asText()).strip().endsWith("/" + a.asText()), scenario + " has " + a.asText());
            }
            assertEquals("rc=0 rc=1", h.sh("cmp -s /etc/passwd /etc/passwd; a=$?; echo x | cmp -s - /etc/passwd; echo rc=$a rc=$?").strip());
            List<String> lacks = new ArrayList<>();
            bb.get("lacks").forEach(a -> lacks.add(a.asText()));
            // the extroot scenario has the fdisk package installed (facts §12: the user adds it for extroot)
            if (scenario.equals("stock-openwrt-extroot")) {
                lacks.remove("fdisk");
            }
            for (String a : lacks) {
                assertEquals("", h.sh("which " + a).strip(), scenario + " lacks " + a);
                assertTrue(h.sh(a + " /dev/null; echo rc=$?").contains("rc=127"), scenario + ": running " + a + " is 'not found'");
            }
        }
    }
}
