package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.procedure.unbrick.RescueImageFile;

/**
 * {@code unbrick --via sd --target emmc} on the simulator: a board with broken NAND BL2s and a blank eMMC is brought
 * to boot from the eMMC unattended (SD card, its NAND install, the NAND menu's eMMC install, read-back, PARTITION_CONFIG,
 * eMMC boot), with the eMMC compared with the image file; an image file whose eMMC FIP differs is caught.
 */
@Tag("sim")
class UnbrickEmmcCommandTest {

    private static final long IMAGE_BYTES = 60L << 20; // ends after the install partition's eMMC GPT

    @TempDir
    Path dir;

    @Test
    void aBoardWithABlankEmmcEndsBootingFromTheEmmc() throws Exception {
        Path img = RescueImageFile.write(dir.resolve("openwrt-sdcard.img.gz"), IMAGE_BYTES, true);
        CliRun r = new CliRun();
        long t0 = System.currentTimeMillis();
        int code = r.run("unbrick", "--via", "sd", "--target", "emmc", "-p", "sim:bl2-corrupt", "--yes", "--json", "--image", img.toString());
        String steps = r.err();
        assertEquals(0, code, steps + r.out());
        assertTrue(steps.contains("(menu key of \"Install bootloader, recovery and production to NAND.\")"), steps);
        assertTrue(steps.contains("(menu key of \"Install bootloader, recovery and production to eMMC.\")"), steps);
        assertTrue(steps.contains("Bench: power off; " + Boards.R4.dipSetting(Medium.EMMC)), steps);
        assertTrue(steps.indexOf("   > mmc read 0x54000000 0x0 0x400") > steps.indexOf("   > mmc dev 0 1"), "boot0 read with boot0 selected: " + steps);
        String json = r.out();
        assertTrue(json.contains("\"ok\":true") && json.contains("\"bootDevice\":\"EMMC\"") && json.contains("\"bootPartitionEnable\":1"), json);
        assertTrue(json.contains("eMMC FIP in the NAND's emmc_install = in the image file") && !json.contains("\"ok\":false"), json);
        System.out.printf("unbrick_emmc_cli_sim %.1f s%n", (System.currentTimeMillis() - t0) / 1000.0);
    }

    @Test
    void anImageFileWhoseEmmcFipDiffersIsNamed() throws Exception {
        Path img = RescueImageFile.write(dir.resolve("openwrt-sdcard.img"), IMAGE_BYTES, false);
        var sd = Boards.R4.layout("openwrt-sd");
        long fip = sd.part("install").offset() + sd.install().get("emmcFip").asLong();
        RescueImageFile.flip(img, fip + 1000);
        CliRun r = new CliRun();
        assertEquals(1, r.run("unbrick", "--via", "sd", "--target", "emmc", "-p", "sim:bl2-corrupt", "--yes", "--image", img.toString()));
        assertTrue(r.err().contains("Read-back differs") && r.err().contains("eMMC FIP in the NAND's emmc_install = in the image file"), r.err());
        assertFalse(r.err().contains("eMMC fip partition:"), "the eMMC itself matches the NAND's copies: " + r.err());
    }

    @Test
    void anUnknownTargetIsRefused() {
        CliRun r = new CliRun();
        assertEquals(2, r.run("unbrick", "--via", "sd", "--target", "nor", "-p", "sim:bl2-corrupt", "--yes"));
        assertTrue(r.err().contains("Unknown target 'nor'") && r.err().contains("Nothing was sent"), r.err());
    }
}
