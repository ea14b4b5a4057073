package r4rescue.procedure.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.checklist.ProductionChecklist;
import r4rescue.procedure.preflight.AdapterFinding;
import r4rescue.procedure.preflight.Verdict;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * The procedures' words (area proc) in the user's language, and in English with their ids where
 * they reach {@code --json}: a stop and the board's state inside it, pre-flight verdicts, the checklist.
 */
@Tag("unit")
class ProcTextsTest {

    private final Locale before = Texts.locale();

    @AfterEach
    void restore() {
        Texts.useLocale(before);
    }

    @Test
    void aStopSpeaksChineseToTheUserAndEnglishToJsonWithItsStateInside() throws Exception {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        Cancel cancel = new Cancel();
        Procedure p = new Procedure(e -> { }, cancel);
        p.step("x", "x");
        cancel.request();
        Stopped s = assertThrows(Stopped.class, p::checkpoint);
        assertEquals("已取消。板子上没有任何改动。", s.getMessage());
        assertEquals("Cancelled. Nothing was changed on the board.", s.english());
        assertEquals("proc.cancelled", s.message().key());
        assertEquals("板子上没有任何改动。", s.state().words());
        assertEquals("Nothing was changed on the board.", s.state().english());

        Stopped r = p.refused(Message.of("proc.nvme.theSSDIsToo", "single", 100, 200));
        assertEquals("SSD 太小，放不下 single 布局：100 MiB，至少需要 200 MiB", r.getMessage());
        assertEquals("The SSD is too small for the single layout: 100 MiB, needs at least 200 MiB", r.english());
    }

    @Test
    void textFromElsewhereIsCarriedAsItIs() {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        Stopped s = new Stopped(Stopped.Kind.BOARD_SAID_NO, "x", "Unknown command 'foo'", BoardState.unknown("?"), null);
        assertEquals("Unknown command 'foo'", s.getMessage());
        assertEquals("Unknown command 'foo'", s.english());
        assertEquals("proc.said", s.message().key());
    }

    @Test
    void preflightVerdictsReadInChineseAndStayEnglishForJson() {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        AdapterFinding f = new AdapterFinding(Verdict.SILENCE, Message.of("proc.preflight.silence.detail", 115200));
        assertTrue(f.line().startsWith("上电后板子没有发出任何数据。") && f.line().contains("115200 波特率下没有收到任何字节"), f.line());
        assertEquals("The board sent nothing after power-on.", f.verdict().meaning().english());
        assertEquals("no byte at 115200 baud", f.detail().english());
    }

    @Test
    void everyChecklistItemHasItsWordsInEnglishAndChinese() {
        List<String> missing = new ArrayList<>();
        for (ProductionChecklist.Item i : ProductionChecklist.items()) {
            String key = "proc.checklist." + i.id();
            if (!Texts.has(key) || Texts.in(Locale.SIMPLIFIED_CHINESE, key).equals(Texts.en(key))) {
                missing.add(key);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theChecklistReportIsChineseForPeopleAndEnglishWithIdsInJson() {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        ProductionChecklist.Item item = ProductionChecklist.items().get(0);
        ProductionChecklist.Report r = new ProductionChecklist.Report("2026-12-03T16:00:00Z",
                new ProductionChecklist.Identity("OpenWrt", "R4SIM0000001", List.of(), "24.10.0", "6.6.86", "sim"),
                List.of(new ProductionChecklist.Result(item, ProductionChecklist.Status.PASS, Message.of("proc.checklist.mtdBl2"))));
        assertTrue(r.markdown().startsWith("# BPI-R4 上线前检查清单"), r.markdown());
        assertTrue(r.markdown().contains("引导程序（BL2 + U-Boot）位于 NAND 或 eMMC"), r.markdown());
        String json = r.json();
        assertTrue(json.contains("\"text\" : \"Bootloader (BL2 + U-Boot) is on NAND or eMMC — survives NVMe removal\""), json);
        assertTrue(json.contains("\"evidence\" : \"/proc/mtd lists bl2\"") && json.contains("\"evidenceId\" : \"proc.checklist.mtdBl2\""), json);
        assertTrue(json.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), json);
    }
}
