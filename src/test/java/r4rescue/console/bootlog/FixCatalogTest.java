package r4rescue.console.bootlog;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every fix a signature or stop rule names has words for its button and an explanation. */
@Tag("unit")
class FixCatalogTest {

    @Test
    void everyFixNamedByTheDataIsDescribed() {
        FixCatalog c = FixCatalog.standard();
        BootLogData d = BootLogData.standard();
        for (Signature s : d.signatures()) {
            assertTrue(c.has(s.fix()), "signature " + s.id() + " names fix " + s.fix());
        }
        for (StopRule r : d.stopRules()) {
            assertTrue(c.has(r.fix()), "stop rule " + r.id() + " names fix " + r.fix());
        }
        assertEquals("Start the SD-card rescue", c.get("sd-rescue").action());
        assertFalse(c.get("sd-rescue").explanation().isBlank());
        assertFalse(c.has("no-such-fix"));
        assertNotNull(c.get("no-such-fix").action(), "an unknown id still gets a button");
    }
}
