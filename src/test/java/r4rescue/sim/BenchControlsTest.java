package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Medium;
import r4rescue.link.BenchControls;
import r4rescue.link.Link;
import r4rescue.link.LinkProvider;
import r4rescue.link.Links;

/** The simulator as the window sees it: a link with a bench, a provider with variants; no sim types needed. */
@Tag("sim")
class BenchControlsTest {

    @Test
    void theSimulatedBoardsLinkOffersItsBenchARealPortNone() throws Exception {
        try (Link link = Links.create("sim:bl2-corrupt@off", 115200)) {
            BenchControls bench = link.bench().orElseThrow();
            assertFalse(bench.powered(), "@off: the board waits for its power button");
            bench.setSwitches(List.of(true, true));
            assertEquals(Medium.SD, bench.bootMedium());
            bench.removeSd();
            assertFalse(bench.sdInserted());
            bench.insertSd();
            assertTrue(bench.sdInserted(), "a card goes back in");
            bench.setSwitches(List.of(false, true));
            assertEquals(List.of(false, true), bench.switches());
            assertEquals(Medium.SNAND, bench.bootMedium());
        }
        try (Link tcp = Links.create("tcp:127.0.0.1:9", 115200)) {
            assertTrue(tcp.bench().isEmpty());
        }
    }

    @Test
    void theProviderNamesItsScenariosAndKeepsTheOptions() {
        LinkProvider p = Links.provider("sim:bl2-corrupt@paced").orElseThrow();
        assertTrue(p.variants().contains("healthy-nand"));
        assertEquals("bl2-corrupt", p.variantOf("sim:bl2-corrupt@paced"));
        assertEquals("sim:healthy-nand@paced@off", p.withVariant("sim:bl2-corrupt@paced@off", "healthy-nand"));
        assertTrue(Links.provider("/dev/ttyUSB0").isEmpty());
    }
}
