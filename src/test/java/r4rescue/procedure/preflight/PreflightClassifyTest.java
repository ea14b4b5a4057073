package r4rescue.procedure.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.bootlog.UartSimulator;

/** The listen verdicts from the bytes alone: silence, noise, text at the wrong rate, good text. */
@Tag("unit")
class PreflightClassifyTest {

    static byte[] bootText() throws IOException {
        try (InputStream in = PreflightClassifyTest.class.getResourceAsStream("/r4rescue/bootlog/baud-reference.txt")) {
            return in.readNBytes(3000);
        }
    }

    static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void verdicts() throws IOException {
        assertEquals(Verdict.SILENCE, Preflight.classify(new byte[0], 115200).verdict());
        assertEquals(Verdict.GOOD_TEXT, Preflight.classify(bootText(), 115200).verdict());
        for (int capture : new int[] {9600, 57600, 230400}) {
            AdapterFinding f = Preflight.classify(UartSimulator.resample(bootText(), 115200, capture, 40, 0.3), capture);
            assertEquals(Verdict.WRONG_RATE, f.verdict(), f.line());
            assertTrue(f.detail().text().contains("sending at 115200"), f.line());
        }
        for (long seed = 1; seed < 6; seed++) {
            assertEquals(Verdict.NOISE, Preflight.classify(noise(3000, seed), 115200).verdict());
            assertEquals(Verdict.NOISE, Preflight.classify(noise(200, seed), 115200).verdict());
        }
    }
}
