package r4rescue.procedure.uartboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.sim.SimImages;

/** Each file of the serial recovery is checked by its header before the board is touched. */
@Tag("unit")
class UartBootFilesTest {

    @Test
    void ramBl2IsAccepted() {
        assertNull(UartBootFiles.bl2Refusal(Boards.R4, SimImages.ramBl2()));
        assertNull(UartBootFiles.fipRefusal(Boards.R4, SimImages.snandFip()));
    }

    @Test
    void flashBl2IsNotARamBl2() {
        String why = UartBootFiles.bl2Refusal(Boards.R4, SyntheticImages.bl2(Medium.SNAND, 10_000, 1));
        assertTrue(why.contains("for booting from SPI-NAND"), why);
        assertTrue(why.contains("mt7988-ram-comb-bl2.bin"), why);
    }

    @Test
    void fipGivenAsBl2IsRefused() {
        assertTrue(UartBootFiles.bl2Refusal(Boards.R4, SimImages.snandFip()).contains("FIP"));
    }

    @Test
    void compressedBl2IsRefused() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(SimImages.ramBl2());
        }
        assertTrue(UartBootFiles.bl2Refusal(Boards.R4, b.toByteArray()).contains("decompress it first"));
    }

    @Test
    void ramBl2CutShortOrWithoutUartDownloadIsRefused() {
        byte[] cut = Arrays.copyOf(SimImages.ramBl2(), 80_000); // its download code lies past the cut
        assertTrue(UartBootFiles.bl2Refusal(Boards.R4, cut).contains("no UART download"), UartBootFiles.bl2Refusal(Boards.R4, cut));
        assertTrue(UartBootFiles.bl2Refusal(Boards.R4, new byte[300_000 + 1]).contains("erased or blank"));
    }

    @Test
    void truncatedFipIsRefused() {
        byte[] fip = SimImages.snandFip();
        String why = UartBootFiles.fipRefusal(Boards.R4, Arrays.copyOf(fip, fip.length / 2));
        assertTrue(why.contains("truncated"), why);
    }

    @Test
    void nandBl2ForTheFlashStepMustBeForSpiNand() {
        assertNull(UartBootFiles.nandBl2Refusal(Boards.R4, SimImages.snandBl2()));
        assertTrue(UartBootFiles.nandBl2Refusal(Boards.R4, SyntheticImages.bl2(Medium.EMMC, 10_000, 1)).contains("eMMC"));
    }

    /** mkimage -T mtk_image makes the flash BL2s (bl2.img); a RAM BL2 is the raw bl2.bin without that header. */
    @Test
    void bl2MadeByTheRealMkimageIsAFlashBl2NotARamBl2(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkimage")), "u-boot-tools' mkimage");
        Path raw = Files.write(dir.resolve("bl2.bin"), SimImages.ramBl2());
        for (String media : new String[] {"nor", "emmc", "sdmmc"}) {
            Path img = dir.resolve("bl2-" + media + ".img");
            Process p = new ProcessBuilder("/usr/bin/mkimage", "-T", "mtk_image", "-a", "0x201000", "-e", "0x201000",
                    "-n", "media=" + media + ";arm64=1", "-d", raw.toString(), img.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor(), media);
            String why = UartBootFiles.bl2Refusal(Boards.R4, Files.readAllBytes(img));
            assertTrue(why != null && why.contains("not a RAM BL2"), media + ": " + why);
        }
        assertNull(UartBootFiles.bl2Refusal(Boards.R4, Files.readAllBytes(raw)));
    }
}
