package r4rescue.console.bootlog;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.util.Message;
import r4rescue.util.Texts;

/** The diagnosis reads in the user's language, and keeps English for JSON and transcripts. */
@Tag("unit")
class DiagnosisLanguageTest {

    private final Locale before = Texts.locale();

    @AfterEach
    void restore() {
        Texts.useLocale(before);
    }

    private static BootDiagnosis diagnose(String corpus) throws Exception {
        return SavedLog.diagnose(Files.readAllBytes(Path.of("src/test/resources/r4rescue/bootlog/corpus", corpus)));
    }

    @Test
    void aFindingAndItsFixReadInChineseAndStayEnglishForJson() throws Exception {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        Finding f = diagnose("linux-cannot-open-root.log").failure();
        assertEquals("The kernel could not open the root device given by root=.", f.summary());
        assertEquals("内核无法打开 root= 指定的根设备。", f.summaryText());
        assertTrue(f.causeText().startsWith("设备不存在"), f.causeText());
        FixCatalog.Fix x = FixCatalog.standard().get(f.fix());
        assertEquals("Repair the kernel command line", x.action());
        assertEquals("修复内核命令行", x.actionText());
        assertEquals("修复 bootargs", x.wizardText());
        assertEquals("修复", FixCatalog.standard().get("no-such-fix").actionText(), "an unknown fix gets the stand-in's words");
    }

    @Test
    void aFindingsDetailIsEnglishForJsonAndTheUsersForTheReport() throws Exception {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        Finding f = diagnose("noise-115200-captured-at-57600.log").failure();
        assertEquals("wrong-baud", f.id());
        assertTrue(f.detail().contains("characters are not text"), f.detail());
        assertTrue(f.detailText().contains("个不是文本"), f.detailText());
    }

    @Test
    void aMessageInsideAMessageIsEnglishInTheEnglishText() {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        Message hang = Message.of("diag.detail.hang-timed", "20.0 s", Stage.BL2, "1.5 s", new StageTiming(Stage.BL2, 1500, 15000).meaning());
        assertTrue(hang.english().startsWith("no output for 20.0 s in BL2 (it usually takes 1.5 s). BL2 trains the DRAM"), hang.english());
        assertTrue(hang.text().contains("BL2 会在一两秒内完成 DRAM 训练"), hang.text());
    }
}
