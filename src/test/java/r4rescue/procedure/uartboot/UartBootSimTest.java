package r4rescue.procedure.uartboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.protocol.brom.UartBootException;
import r4rescue.protocol.brom.UartFailure;
import r4rescue.protocol.uboot.UBootSession;

/** The whole serial-line recovery against the simulated board's Boot ROM and RAM BL2. */
@Tag("sim")
class UartBootSimTest {

    @Test
    void uartOnlyBoardReachesUBootPromptWithFastRates() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            UartBoot.Result r = b.run(UartBootBench.RAM_BL2, UartBootBench.FIP, UartBootBench.quick());
            try (UBootSession s = r.session()) {
                assertEquals(UartBoot.Stage.UBOOT_PROMPT, r.reached());
                assertEquals(460800, r.bl2Baud());
                assertEquals(921600, r.fipBaud());
                assertTrue(s.run("version").output().contains("U-Boot 2024.10"), b.said());
                assertTrue(b.boardLines.stream().anyMatch(l -> l.contains("Starting UART download handshake")));
                assertTrue(r.notes().isEmpty(), r.notes().toString());
            }
        }
    }

    @Test
    void withoutFipItStopsWhenBl2Offers() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            UartBoot.Result r = b.run(UartBootBench.RAM_BL2, null, UartBootBench.quick().noFast());
            assertEquals(UartBoot.Stage.BL2_STARTED, r.reached());
            assertNull(r.session());
            assertEquals(115200, r.bl2Baud());
        }
    }

    @Test
    void adapterThatCannotDo921600FallsBackWithOneMorePowerCycle() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            b.board.faults().deadFromBaud = 921600;
            UartBoot.Result r = b.run(UartBootBench.RAM_BL2, UartBootBench.FIP, UartBootBench.quick());
            try (UBootSession s = r.session()) {
                assertEquals(UartBoot.Stage.UBOOT_PROMPT, r.reached());
                assertEquals(115200, r.fipBaud());
                assertEquals(2, b.powerCycles);
                assertTrue(r.notes().get(0).contains("The fast rate (921600 baud) failed"), r.notes().toString());
            }
        }
    }

    @Test
    void flippedByteInAFipPacketIsSentAgain() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            b.board.faults().flipFipPacket = 3;
            UartBoot.Result r = b.run(UartBootBench.RAM_BL2, UartBootBench.FIP, UartBootBench.quick().noFast());
            try (UBootSession s = r.session()) {
                assertEquals(UartBoot.Stage.UBOOT_PROMPT, r.reached());
                assertTrue(r.notes().contains("FIP packet 3 was damaged on the line and sent again."), r.notes().toString());
            }
        }
    }

    @Test
    void flippedByteInTheBl2IsCaughtByTheChecksumAndRetried() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            b.board.faults().flipDaByte = 1000;
            UartBoot.Result r = b.run(UartBootBench.RAM_BL2, null, UartBootBench.quick().noFast());
            assertEquals(UartBoot.Stage.BL2_STARTED, r.reached());
            assertTrue(b.said().contains("Data was damaged on the line"), b.said());
            assertEquals(2, b.powerCycles);
        }
    }

    @Test
    void secureBootIsRefusedInPlainWords() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            b.board.state().secureBoot = true;
            UartBootException e = assertThrows(UartBootException.class,
                    () -> b.run(UartBootBench.RAM_BL2, UartBootBench.FIP, UartBootBench.quick()));
            assertEquals(UartFailure.SECURE_BOOT, e.failure());
            assertTrue(e.explanation().contains("not possible"), e.explanation());
        }
    }

    @Test
    void aUserWhoNeverPowerCyclesHearsTheBootRomWasNotListening() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            b.hands = false;
            b.onAndHalted(); // its Boot ROM window is long gone
            UartBootException e = assertThrows(UartBootException.class,
                    () -> b.run(UartBootBench.RAM_BL2, UartBootBench.FIP, UartBootBench.quick()));
            assertTrue(e.failure() == UartFailure.NOT_LISTENING || e.failure() == UartFailure.NO_ANSWER, e.getMessage());
            assertTrue(e.explanation().contains("off and on again"), e.explanation());
        }
    }
}
