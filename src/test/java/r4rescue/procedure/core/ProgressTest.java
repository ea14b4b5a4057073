package r4rescue.procedure.core;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ProgressTest {

    @Test
    void rateAndTimeLeftFromBytesAndElapsedTime() {
        Progress p = new Progress("fip", 115_200, 1_150_136, 10_000, false);
        assertEquals(11_520, p.bytesPerSecond(), 0.01);
        assertEquals((1_150_136 - 115_200) / 11_520.0, p.secondsLeft(), 0.01);
        assertEquals("fip · 115,200 of 1,150,136 bytes · 11.3 KiB/s · 1 min 30 s left", p.text());
        assertEquals(0.1, p.fraction(), 0.01);
    }

    @Test
    void anEstimateSaysSoAndUnknownTotalsShowTimeSoFar() {
        assertTrue(new Progress("install", 1, 4, 1000, true).text().endsWith("about 3 s left (estimate)"));
        Progress open = new Progress("install", 5, -1, 65_000, false);
        assertEquals(-1, open.fraction());
        assertEquals("install · 1 min 5 s so far", open.text());
    }
}
