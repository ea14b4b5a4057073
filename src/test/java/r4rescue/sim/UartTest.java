package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The UART's receive side: bytes from the host arrive at the line rate when paced, at once otherwise. */
@Tag("unit")
class UartTest {

    private static double secondsToRead(Uart u, int n) {
        byte[] data = new byte[n];
        long t0 = System.nanoTime();
        u.hostBytes(data, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals(0, u.read(5000));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    @Test
    void pacedReceiveTakesTenBitsPerByte() {
        Uart u = new Uart(new Faults(1));
        u.setPaced(true);
        double s = secondsToRead(u, 11520);
        System.out.printf("sim.paced.rx %.3f s for 11520 bytes at 115200%n", s);
        assertTrue(Math.abs(s - 1.0) < 0.05, "took " + s + " s");
        assertEquals(-1, u.read(0));
    }

    @Test
    void unpacedReceiveIsImmediate() {
        Uart u = new Uart(new Faults(1));
        assertTrue(secondsToRead(u, 100_000) < 0.5);
    }
}
