package r4rescue.console.bootlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class BaudGuesserTest {

    /** A log the guesser was not calibrated on. */
    private static byte[] text() throws Exception {
        return Files.readAllBytes(DiagnoseCorpusTest.corpus().resolve("emmc-complete.log"));
    }

    @Test
    void sameRateIsLossless() throws Exception {
        byte[] t = text();
        assertArrayEquals(t, UartSimulator.resample(t, 115200, 115200, 0, 0.4));
    }

    @Test
    void wrongRateIsGarbage() throws Exception {
        byte[] t = text();
        byte[] r = UartSimulator.resample(t, 115200, 9600, 0, 0.4);
        assertTrue(r.length < t.length / 5, "a slow receiver sees far fewer bytes: " + r.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {9600, 57600, 921600})
    void names115200ForTextCapturedAtAnotherRate(int capture) throws Exception {
        byte[] captured = UartSimulator.resample(text(), 115200, capture, 40, 0.21);
        BaudGuesser.Guess g = BaudGuesser.standard().guess(captured, capture);
        assertEquals(115200, g.rate(), g.toString());
    }

    @Test
    void textAtTheCaptureRateIsRight() throws Exception {
        BaudGuesser.Guess g = BaudGuesser.standard().guess(text(), 115200);
        assertEquals(115200, g.rate());
        assertTrue(g.confident());
    }

    /** Prints which (sent, captured) pairs the guesser tells apart; asserts the honest minimum. */
    @Test
    void capabilityMatrix() throws Exception {
        byte[] t = text();
        int right = 0;
        int total = 0;
        List<String> wrong = new ArrayList<>();
        for (int sent : BaudGuesser.RATES) {
            for (int capture : BaudGuesser.RATES) {
                if (sent == capture) {
                    continue;
                }
                BaudGuesser.Guess g = BaudGuesser.standard().guess(UartSimulator.resample(t, sent, capture, 40, 0.21), capture);
                total++;
                if (g.rate() == sent) {
                    right++;
                } else {
                    wrong.add(sent + "@" + capture + "->" + g.rate() + (g.alike().isEmpty() ? "" : " alike" + g.alike()));
                }
            }
        }
        System.out.println("baud.matrix " + right + "/" + total + " pairs right; wrong: " + wrong);
        assertTrue(right >= total / 2, right + "/" + total);
    }
}
