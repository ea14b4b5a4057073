package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.procedure.unbrick.RescueImageFile;

/**
 * {@code unbrick --via sd} and the RAM size an SD image was built for (its BL2's build name, dram.json): refused before
 * the port is opened when the user's {@code --ram} says otherwise (both ways, naming the right file), and, without
 * {@code --ram}, refused once the card's U-Boot says the board's size, before the menu key.
 */
@Tag("sim")
class UnbrickRamCommandTest {

    private static final String PREFIX = "openwrt-mediatek-filogic-bananapi_bpi-r4-";

    @TempDir
    Path dir;

    /** The simulator's rescue card as a file whose SD BL2 carries OpenWrt's build name {@code variant}. */
    private Path image(String name, String variant) throws Exception {
        Path img = RescueImageFile.write(dir.resolve(name), 48L << 20, false);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(0x4400 + 0x600);
            f.write(("OpenWrt v2.10.0-r1 (" + variant + ")\0").getBytes(StandardCharsets.US_ASCII));
        }
        return img;
    }

    @Test
    void anImageForTheOtherRamSizeIsRefusedBeforeThePortIsOpened() throws Exception {
        Path eight = image("x-sdcard_8g.img", "mt7988-sdmmc-comb-4bg");
        CliRun r = new CliRun();
        assertEquals(2, r.run("unbrick", "--via", "sd", "-p", dir.resolve("no-such-tty").toString(), "--yes", "--ram", "4g",
                "--image", eight.toString()));
        assertTrue(r.err().contains("for 8 GiB boards") && r.err().contains("Use " + PREFIX + "sdcard.img.gz.")
                && r.err().contains("Nothing was sent"), r.err());

        Path four = image("x-sdcard.img", "mt7988-sdmmc-comb");
        r = new CliRun();
        assertEquals(2, r.run("unbrick", "--via", "sd", "-p", dir.resolve("no-such-tty").toString(), "--yes", "--ram", "8g",
                "--image", four.toString()));
        assertTrue(r.err().contains("for 4 GiB boards") && r.err().contains("Use " + PREFIX + "sdcard_8g.img.gz."), r.err());
    }

    @Test
    void withoutRamTheCardsUBootIsAskedBeforeTheMenuKey() throws Exception {
        Path eight = image("x-sdcard.img", "mt7988-sdmmc-comb-4bg");
        CliRun r = new CliRun();
        assertEquals(2, r.run("unbrick", "--via", "sd", "-p", "sim:bl2-corrupt", "--yes", "--image", eight.toString()));
        String err = r.out() + r.err(); // steps on stdout, the refusal on stderr
        assertTrue(err.contains("   > memsize ramsize") && err.contains("4096 MiB") && err.contains("Use " + PREFIX + "sdcard.img.gz.")
                && err.contains("menu key was not pressed"), err);
        assertFalse(err.contains("   > bootmenu -1"), "the menu was never opened: " + err);
        assertTrue(err.contains("Board state: untouched"), err);
    }
}
