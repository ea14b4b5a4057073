package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.procedure.unbrick.RescueImageFile;
import r4rescue.util.Texts;

/** {@code unbrick --via sd --target emmc --json} for a user reading Chinese: the check labels in JSON stay English. */
@Tag("sim")
class UnbrickJsonEnglishTest {

    private final Locale before = Texts.locale();

    @TempDir
    Path dir;

    @AfterEach
    void restoreLanguage() {
        Texts.useLocale(before);
    }

    @Test
    void theEmmcChecksInJsonAreEnglishWhateverTheUsersLanguage() throws Exception {
        Path img = RescueImageFile.write(dir.resolve("openwrt-sdcard.img"), 60L << 20, false);
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        CliRun r = new CliRun();
        int code = r.run("unbrick", "--via", "sd", "--target", "emmc", "-p", "sim:bl2-corrupt", "--yes", "--json", "--image", img.toString());
        assertEquals(0, code, r.err() + r.out());
        String json = r.out();
        assertTrue(json.contains("\"what\":\"eMMC FIP in the NAND's emmc_install = in the image file\"")
                && json.contains("\"what\":\"eMMC fip partition"), json);
        assertFalse(json.contains("镜像文件") || json.contains("分区"), "no Chinese in JSON: " + json);
    }
}
