package r4rescue.procedure.flash;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;

/** A BL2 for the other RAM size is refused from U-Boot's own answer, before anything is loaded or erased. */
@Tag("sim")
class DramFlashSimTest {

    private static byte[] bl2(String variant) {
        byte[] b = SyntheticImages.bl2(Medium.SNAND, 150_000, 3);
        byte[] s = ("OpenWrt v2025.07.11-r1 (" + variant + ")").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, b.length - 9_000, s.length);
        return b;
    }

    @Test
    void an8GiBBl2IsRefusedOnA4GiBBoardAndTheReverse() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            byte[] before = b.board.state().nand.raw.read(0, 0x200000);
            FlashRefused e = assertThrows(FlashRefused.class,
                    () -> b.flash(bl2("mt7988-spim-nand-ubi-comb-4bg"), "bl2.bin", Role.BL2, null));
            assertTrue(e.getMessage().contains("snand-preloader.bin") && e.getMessage().contains("4096 MiB"), e.getMessage());
            assertTrue(b.commands().stream().noneMatch(c -> c.startsWith("loady") || c.startsWith("mtd erase")), b.commands().toString());
            assertArrayEquals(before, b.board.state().nand.raw.read(0, 0x200000), "the BL2 area is untouched");
        }
        try (SimBench b = new SimBench("healthy-nand-8g")) {
            b.uboot();
            FlashRefused e = assertThrows(FlashRefused.class,
                    () -> b.flash(bl2("mt7988-spim-nand-ubi-comb"), "bl2.bin", Role.BL2, null));
            assertTrue(e.getMessage().contains("snand-preloader-8g.bin"), e.getMessage());
            byte[] right = bl2("mt7988-spim-nand-ubi-comb-4bg");
            FlashReport r = b.flash(right, "bl2.bin", Role.BL2, null);
            assertEquals(4, r.copies().size(), "the 8 GiB BL2 goes on the 8 GiB board");
        }
    }
}
