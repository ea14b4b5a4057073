package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.bootlog.FixCatalog;
import r4rescue.face.fx.wizard.WizardViewModel;

/** {@code diagnose} names the fix in words with the command or wizard flow that does it, never only its id. */
@Tag("unit")
class DiagnoseFixWordsTest {

    private static String corpus(String name) throws Exception {
        return Path.of(DiagnoseFixWordsTest.class.getResource("/r4rescue/bootlog/corpus/" + name).toURI()).toString();
    }

    @Test
    void aHaltBeforeUBootPrintsTheSdRescueInWordsWithItsCommandAndFlow() throws Exception {
        CliRun r = new CliRun();
        assertEquals(1, r.run("diagnose", corpus("brom-stops-after-jump.log")));
        String out = r.out();
        assertFalse(out.matches("(?s).*Fix: +[a-z0-9-]+\\R.*"), out);
        assertTrue(out.contains("Fix:           Start the SD-card rescue. Write the OpenWrt SD-card image"), out);
        assertTrue(out.contains("Command:       r4-rescue unbrick --via sd -p PORT"), out);
        assertTrue(out.contains("In the window: the wizard's flow \"Unbrick through the SD card\""), out);
    }

    @Test
    void theJsonCarriesTheWordsBesideTheId() throws Exception {
        CliRun r = new CliRun();
        r.run("diagnose", "--json", corpus("uboot-fit-hash-bad.log"));
        assertTrue(r.out().contains("\"fix\" : \"boot-recovery\""), r.out());
        assertTrue(r.out().contains("\"fixAction\" : \"Boot the recovery system\""), r.out());
        assertTrue(r.out().contains("\"fixCommand\" : \"r4-rescue console -p PORT"), r.out());
    }

    /** A flow named in fixes.json must be one the window offers, spelled as it shows it. */
    @Test
    void everyWizardFlowNamedByAFixExists() {
        for (String id : new String[] {"sd-rescue", "reflash-bl2", "reflash-fip", "repair-bootargs", "nvme-check"}) {
            String w = FixCatalog.standard().get(id).wizard();
            assertTrue(Arrays.stream(WizardViewModel.Flow.values()).anyMatch(f -> f.title.equals(w)), id + ": " + w);
        }
    }
}
