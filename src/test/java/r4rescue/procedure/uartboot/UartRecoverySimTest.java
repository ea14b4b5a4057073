package r4rescue.procedure.uartboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.procedure.unbrick.BootloaderFlasher;
import r4rescue.procedure.unbrick.MenuInstall;
import r4rescue.sim.SimImages;

/** Issue #16's "done when": the uart-only board over the serial line, BL2 and FIP to NAND, then it boots from NAND. */
@Tag("sim")
class UartRecoverySimTest {

    private static final BootloaderFlasher.Image NAND_BL2 = new BootloaderFlasher.Image("snand-bl2.img", SimImages.snandBl2());

    @Test
    void uartOnlyBoardIsRecoveredAndBootsFromNand() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            UartRecovery.Outcome o = new UartRecovery(Boards.R4, b.console, b.listener(), b.procedure())
                    .run(UartBootBench.RAM_BL2, UartBootBench.FIP, NAND_BL2, UartBootBench.quick(), () -> true);
            assertTrue(o.nandBoot().from("SPI-NAND"), b.said());
            assertFalse(o.checks().isEmpty());
            for (MenuInstall.Check c : o.checks()) {
                assertTrue(c.ok(), c.toString());
            }
            assertTrue(b.said().contains("The board boots from the NAND, verified."), b.said());
        }
    }

    @Test
    void nothingIsWrittenUntilTheUserConfirms() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            byte[] before = b.board.state().nand.raw.read(0, 0x80000);
            assertNull(new UartRecovery(Boards.R4, b.console, b.listener(), b.procedure())
                    .run(UartBootBench.RAM_BL2, UartBootBench.FIP, NAND_BL2, UartBootBench.quick(), () -> false));
            assertTrue(java.util.Arrays.equals(before, b.board.state().nand.raw.read(0, 0x80000)));
            assertTrue(b.said().contains("nothing was written"), b.said());
        }
    }

    @Test
    void aRamBl2OfferedForTheNandIsRefusedBeforeTheBoardIsTouched() throws Exception {
        try (UartBootBench b = new UartBootBench("uart-only", false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UartRecovery(Boards.R4, b.console,
                    b.listener(), b.procedure()).run(UartBootBench.RAM_BL2, UartBootBench.FIP,
                    new BootloaderFlasher.Image("ram.bin", UartBootBench.RAM_BL2), UartBootBench.quick(), () -> true));
            assertTrue(e.getMessage().contains("Expected a BL2 preloader"), e.getMessage());
            assertEquals(0, b.powerCycles);
        }
    }
}
