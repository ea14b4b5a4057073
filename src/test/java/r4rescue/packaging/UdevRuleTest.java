package r4rescue.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The udev rule the packages install: well-formed, and covering every adapter people use on the R4. */
@Tag("unit")
class UdevRuleTest {

    static final Path RULE = Path.of("packaging/linux/60-r4-rescue.rules");

    /** CP210x, CH340, CH341, CH9102, FT232R, FT231X, FT2232, PL2303, PL2303GS. */
    static final Set<String> ADAPTERS = Set.of("10c4:ea60", "10c4:ea70", "1a86:7523", "1a86:5523", "1a86:55d4",
            "0403:6001", "0403:6015", "0403:6010", "067b:2303", "067b:23a3");

    /** ftdi_sio's latency_timer to 1 ms, on the usb-serial device where the driver puts the attribute. */
    static final Map<String, String> FTDI_LATENCY = Map.of("ACTION==", "add", "SUBSYSTEM==", "usb-serial",
            "DRIVER==", "ftdi_sio", "ATTR{latency_timer}=", "1");

    private static List<Map<String, String>> rules() throws IOException {
        return UdevRuleSyntax.parse(Files.readString(RULE)).stream().map(UdevRuleSyntax::byKeyAndOp).toList();
    }

    @Test
    void ftdiAdaptersGetALatencyTimerOfOneMillisecond() throws IOException {
        assertEquals(1, rules().stream().filter(FTDI_LATENCY::equals).count(), "the FTDI latency rule");
    }

    @Test
    void everyAdapterGetsUaccessOnItsTtyAndNothingElse() throws IOException {
        List<Map<String, String>> rules = rules().stream().filter(r -> !r.equals(FTDI_LATENCY)).toList();
        Set<String> covered = new TreeSet<>();
        List<Map<String, String>> mmIgnore = new ArrayList<>();
        for (Map<String, String> r : rules) {
            if (r.containsKey("ENV{ID_MM_DEVICE_IGNORE}=")) {
                mmIgnore.add(r);
                continue;
            }
            assertEquals(Map.of("SUBSYSTEM==", "tty", "ATTRS{idVendor}==", r.get("ATTRS{idVendor}=="),
                    "ATTRS{idProduct}==", r.get("ATTRS{idProduct}=="), "TAG+=", "uaccess"), r);
            covered.add(r.get("ATTRS{idVendor}==") + ":" + r.get("ATTRS{idProduct}=="));
        }
        assertEquals(new TreeSet<>(ADAPTERS), covered);
        assertEquals(ADAPTERS.size() + 1, rules.size(), "one rule per adapter, one for ModemManager");
        // ModemManager keeps off exactly the tagged adapters (TAG== matches the tag set above)
        assertEquals(List.of(Map.of("SUBSYSTEM==", "tty", "TAG==", "uaccess", "ATTRS{idVendor}==", "10c4|1a86|0403|067b",
                "ENV{ID_MM_DEVICE_IGNORE}=", "1")), mmIgnore);
    }

    @Test
    void ruleRunsBeforeSeatLateAppliesUaccess() {
        // 73-seat-late.rules turns the uaccess tag into an ACL; a rule numbered after it is too late.
        assertTrue(Integer.parseInt(RULE.getFileName().toString().substring(0, 2)) < 73);
    }

    @Test
    void theCheckerRefusesMalformedRules() {
        for (String bad : new String[] {
                "SUBSYSTEM==\"tty\", ATTRS{idVendor}=\"10c4\"",   // ATTRS is match-only
                "SUBSYSTEM==\"tty\" TAG+=\"uaccess\"",              // missing comma
                "SUBSYSTEM==\"tty\", TAG+=\"uaccess\",",            // trailing comma
                "SUBSYTEM==\"tty\", TAG+=\"uaccess\"",              // misspelt key
                "SUBSYSTEM==tty, TAG+=\"uaccess\"",                 // unquoted value
                "ATTRS==\"10c4\", TAG+=\"uaccess\"",                // ATTRS without {attribute}
                "SUBSYSTEM==\"tty\", MODE==\"0660\""}) {            // MODE cannot be matched
            assertThrows(IllegalArgumentException.class, () -> UdevRuleSyntax.parse(bad), bad);
        }
        assertEquals(2, UdevRuleSyntax.parse("# c\n\nKERNEL==\"ttyUSB*\", MODE=\"0660\"\nENV{ID_X}=\"1\", RUN+=\"/bin/true\"\n").size());
    }
}
