package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real command line in a child JVM under {@code LANG=zh_CN.UTF-8}, as a Chinese user's shell
 * starts it: the report and the help are Chinese and arrive as UTF-8 even on a machine that has no
 * zh_CN locale installed (then Java itself would fall back to English and ASCII), while
 * {@code --json} stays English with ids.
 */
@Tag("unit")
class CliLanguageTest {

    private static final Path LOG = Path.of("src/test/resources/r4rescue/bootlog/corpus/linux-cannot-open-root.log");

    record Run(int code, String out) {
    }

    private static Run cli(String lang, String... args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "r4rescue.Launcher"));
        c.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("LC_ALL");
        env.remove("LC_MESSAGES");
        env.put("LANG", lang);
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void diagnoseSpeaksChineseUnderAChineseLang() throws Exception {
        Run r = cli("zh_CN.UTF-8", "diagnose", LOG.toString());
        assertEquals(MainCommand.BOARD_SAID_NO, r.code(), r.out());
        assertTrue(r.out().contains("发生了什么"), r.out());
        assertTrue(r.out().contains("内核无法打开 root= 指定的根设备。"), "the finding in Chinese:\n" + r.out());
        assertTrue(r.out().contains("修复内核命令行"), "the fix in Chinese:\n" + r.out());
        assertTrue(r.out().contains("r4-rescue bootargs -p PORT --root DEVICE --save"), "commands stay as they are:\n" + r.out());
        assertFalse(r.out().contains("What happened"), r.out());
    }

    @Test
    void jsonStaysEnglishWithIdsUnderAChineseLang() throws Exception {
        Run r = cli("zh_CN.UTF-8", "diagnose", "--json", LOG.toString());
        JsonNode failure = new ObjectMapper().readTree(r.out()).path("failure");
        assertEquals("linux-root-open-failed", failure.path("id").asText());
        assertEquals("The kernel could not open the root device given by root=.", failure.path("summary").asText());
        assertEquals("repair-bootargs", failure.path("fix").asText());
        assertEquals("Repair the kernel command line", failure.path("fixAction").asText());
        assertTrue(r.out().codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN), r.out());
    }

    @Test
    void helpIsChinese() throws Exception {
        Run zh = cli("zh_CN.UTF-8", "--help");
        assertTrue(zh.out().contains("用法:"), zh.out());
        assertTrue(zh.out().contains("通过串口控制台救砖 Banana Pi BPI-R4。"), zh.out());
    }
}
