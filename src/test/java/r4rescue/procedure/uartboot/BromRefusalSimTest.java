package r4rescue.procedure.uartboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.console.Tap;
import r4rescue.protocol.brom.BromClient;
import r4rescue.protocol.brom.SerialLine;
import r4rescue.protocol.brom.UartBootException;
import r4rescue.protocol.brom.UartFailure;
import r4rescue.sim.SimImages;

/** The simulated Boot ROM, byte-exact through the host client: what it refuses, in the user's words. */
@Tag("sim")
class BromRefusalSimTest {

    private static UartBootException sendDa(byte[] payload) throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false); Tap tap = b.console.tap()) {
            BromClient brom = new BromClient(SerialLine.of(tap, b.console), Boards.R4.uartBoot());
            brom.handshake(5000, s -> {
                if (s.sent() == 0) {
                    b.listener().powerCycleNow("now");
                }
            }, () -> false);
            assertEquals(Boards.R4.uartBoot().brom("hwCodeSimulated"), brom.hwCode());
            assertEquals(0, brom.targetConfig());
            return assertThrows(UartBootException.class, () -> brom.sendDa(0x201000, payload, (d, t) -> { }));
        }
    }

    @Test
    void flashBl2SentAnywayIsRefusedWithTheStatusUsersReport() throws Exception {
        UartBootException e = sendDa(SimImages.snandBl2());
        assertEquals(UartFailure.BL2_REFUSED, e.failure());
        assertTrue(e.getMessage().contains("7442"), e.getMessage());
        assertTrue(e.explanation().contains("DDR size (4 GB vs 8 GB"), e.explanation());
    }

    @Test
    void payloadLargerThanTheSramIsRefusedBeforeTheData() throws Exception {
        UartBootException e = sendDa(new byte[Boards.R4.uartBoot().ramBl2MaxBytes() + 2]);
        assertEquals(UartFailure.BL2_REFUSED, e.failure());
        assertTrue(e.getMessage().contains("before the data"), e.getMessage());
    }
}
