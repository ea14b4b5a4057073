package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.unbrick.RescueImageFile;

/**
 * {@code unbrick --via sd} on the simulator: its bench does the hand steps, so the rescue of a
 * board with four broken BL2 copies runs unattended to the confirmed boot from the NAND; a wrong
 * file is refused before the port is opened, and a card that differs from the image file stops
 * before the menu key with the NAND untouched.
 */
@Tag("sim")
class UnbrickCommandTest {

    @TempDir
    Path dir;

    @Test
    void bl2CorruptBoardIsRescuedUnattendedAndBootsFromNand() {
        CliRun r = new CliRun();
        long t0 = System.currentTimeMillis();
        int code = r.run("unbrick", "--via", "sd", "-p", "sim:bl2-corrupt", "--yes");
        String out = r.out();
        assertEquals(0, code, out + r.err());
        // the hand steps, done by the bench and logged, with the lever words from the board profile
        assertTrue(out.contains("Bench: power off; " + Boards.R4.dipSetting(Medium.SD) + "; rescue card in; power on."), out);
        assertTrue(out.contains("Bench: power off; " + Boards.R4.dipSetting(Medium.SNAND) + "; SD card out; power on."), out);
        assertTrue(out.contains("BL2 says it booted from the SD card"), out);
        assertFalse(out.contains("Power-cycle the board now"), "the bench did it: " + out);
        assertTrue(out.contains("   > bootmenu -1") && out.contains("(menu key of \"Install bootloader, recovery and production to NAND.\")"), out);
        assertTrue(out.contains("   > mtd read bl2 0x54000000 0x180000 0x80000"), "every copy read back: " + out);
        assertTrue(out.indexOf("Board: verified") > out.indexOf("(menu key of"), "verified only after the read-back: " + out);
        assertTrue(out.contains("OK: the board boots from the NAND (BL2 named SPI-NAND); 5 read-back comparisons equal."), out);
        System.out.printf("unbrick_cli_sim %.1f s%n", (System.currentTimeMillis() - t0) / 1000.0);
    }

    @Test
    void aFileThatIsNotAnSdImageIsRefusedBeforeThePortIsOpened() throws Exception {
        Path bl2 = Files.write(dir.resolve("x-snand-preloader.bin"), SyntheticImages.bl2(Medium.SNAND, 1000, 1));
        CliRun r = new CliRun();
        // a port that does not exist: a refusal must come first, not "cannot open"
        assertEquals(2, r.run("unbrick", "--via", "sd", "-p", dir.resolve("no-such-tty").toString(), "--yes", "--image", bl2.toString()));
        assertTrue(r.err().contains("refused") && r.err().contains("Not an SD-card image") && r.err().contains("Nothing was sent"), r.err());
        assertTrue(r.err().contains("Board state: untouched"), r.err());
    }

    @Test
    void aCardThatDiffersFromTheImageFileStopsBeforeTheMenuKey() throws Exception {
        Path img = RescueImageFile.write(dir.resolve("openwrt-sdcard.img"), 48L << 20, false);
        var sd = Boards.R4.layout("openwrt-sd");
        long fip = sd.part("install").offset() + sd.install().get("snandFip").asLong();
        RescueImageFile.flip(img, fip + 1000);
        CliRun r = new CliRun();
        assertEquals(1, r.run("unbrick", "--via", "sd", "-p", "sim:bl2-corrupt", "--yes", "--json", "--image", img.toString()));
        assertTrue(r.err().contains("FIP on the card = FIP in the image file") && r.err().contains("menu key was not pressed"), r.err());
        assertFalse(r.err().contains("   > bootmenu -1"), "the menu was never opened: " + r.err());
        assertTrue(r.out().contains("\"ok\":false") && r.out().contains("\"state\":\"untouched\""), r.out());
    }
}
