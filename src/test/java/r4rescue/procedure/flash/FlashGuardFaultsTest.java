package r4rescue.procedure.flash;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Stopped;
import r4rescue.sim.state.UbiVolume;

/**
 * The U-Boot route's guards, each made the only thing between a bad image and the flash by one of
 * the simulator's flash faults: a test here fails when its guard's line is taken out.
 */
@Tag("sim")
class FlashGuardFaultsTest {

    private static final int BL2_PART = 0x200000;

    /** Guard: SerialLoad's CRC-32 of RAM against the file's. Nothing may be erased. */
    @Test
    void ramCorruptedAfterLoadyErasesNothing() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 80_000, 101);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            byte[] before = b.board.state().nand.raw.read(0, BL2_PART);
            b.board.faults().flashRamCorruptAfterLoady = true;
            Stopped e = assertThrows(Stopped.class, () -> b.flash(bl2, "bl2.bin", Role.BL2, null));
            assertUntouched(b, e, before);
            assertTrue(e.getMessage().contains("CRC mismatch"), e.getMessage());
        }
    }

    /** Guard: SerialLoad's comparison of U-Boot's "## Total Size" with the file's size. Nothing may be erased. */
    @Test
    void totalSizeDifferentFromTheFileErasesNothing() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 80_000, 102);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            byte[] before = b.board.state().nand.raw.read(0, BL2_PART);
            b.board.faults().flashLoadyTotalSizeOff = -2048;
            Stopped e = assertThrows(Stopped.class, () -> b.flash(bl2, "bl2.bin", Role.BL2, null));
            assertUntouched(b, e, before);
            assertTrue(e.getMessage().contains("U-Boot received"), e.getMessage());
        }
    }

    /** Guard: UBootFlash.verify's CRC-32 of the read-back against the host's. Never called written. */
    @Test
    void readBackThatDiffersIsNeverCalledWritten() throws Exception {
        byte[] fip = SyntheticImages.fip(20_000, 90_000, 103);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            b.board.faults().flashReadBackDiffers = true;
            Stopped e = assertThrows(Stopped.class, () -> b.flash(fip, "snand.fip", Role.FIP, null));
            assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind());
            assertTrue(e.getMessage().contains("Read-back mismatch"), e.getMessage());
            assertTrue(b.events.stream().noneMatch(ev -> ev.kind() == Event.Kind.STEP
                    && ev.step().equals(FlashStep.REPORT.label())), "never reported as done");
            UbiVolume v = b.board.state().nand.volumes.get("fip");
            assertArrayEquals(fip, v.data.read(0, fip.length), "the write itself landed: only the read-back differs");
        }
    }

    private static void assertUntouched(SimBench b, Stopped e, byte[] before) {
        assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), e.getMessage());
        assertEquals(1, e.exitCode());
        List<String> cmds = b.commands();
        assertTrue(cmds.stream().noneMatch(c -> c.startsWith("mtd erase") || c.startsWith("mtd write")), cmds.toString());
        assertArrayEquals(before, b.board.state().nand.raw.read(0, BL2_PART), "BL2 partition as it was");
    }
}
