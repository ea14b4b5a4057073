package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;
import r4rescue.procedure.unbrick.RescueImageFile;
import r4rescue.util.Texts;

/**
 * A procedure that stops, run in Chinese: the user reads why in Chinese, while {@code --json}
 * stays language-neutral, the stop's id and its English words, the board's state in English.
 */
@Tag("sim")
class ProcStopJsonLanguageTest {

    @TempDir
    Path dir;

    private final Locale before = Texts.locale();

    @AfterEach
    void restore() {
        Texts.useLocale(before);
    }

    @Test
    void aStoppedUnbrickSpeaksChineseAndItsJsonStaysEnglishWithTheId() throws Exception {
        Path img = RescueImageFile.write(dir.resolve("openwrt-sdcard.img"), 48L << 20, false);
        var sd = Boards.R4.layout("openwrt-sd");
        RescueImageFile.flip(img, sd.part("install").offset() + sd.install().get("snandFip").asLong() + 1000);
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        long t0 = System.currentTimeMillis();
        CliRun r = new CliRun();
        assertEquals(1, r.run("unbrick", "--via", "sd", "-p", "sim:bl2-corrupt", "--yes", "--json", "--image", img.toString()));
        assertTrue(r.err().contains("SD 卡上的引导程序与你校验过的镜像文件不一致") && r.err().contains("没有按下菜单键"), r.err());
        String json = r.out();
        assertTrue(json.contains("\"messageId\":\"proc.menu.cardNotFromFile\""), json);
        assertTrue(json.contains("The menu key was not pressed: nothing was erased and the NAND is as it was."), json);
        assertTrue(json.contains("\"state\":\"untouched\""), json);
        assertTrue(json.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), json);
        System.out.printf("proc_stop_json_zh %.1f s%n", (System.currentTimeMillis() - t0) / 1000.0);
    }
}
