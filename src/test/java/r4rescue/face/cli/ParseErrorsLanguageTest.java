package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import r4rescue.util.Texts;

/**
 * picocli's own parse errors in the language {@code LANG=zh_CN.UTF-8} names (read by {@link CliLocale}, as the
 * program reads it), each followed by the hint to {@code --help}; English and {@code --json} keep picocli's words.
 */
@Tag("unit")
class ParseErrorsLanguageTest {

    private static final String LOG = "src/test/resources/r4rescue/bootlog/corpus/linux-cannot-open-root.log";

    private Locale before;

    @BeforeEach
    void keep() {
        before = Texts.locale();
    }

    @AfterEach
    void back() {
        Texts.useLocale(before);
    }

    private record Run(int code, String err) {
    }

    private static Run cli(String lang, String... args) {
        Texts.useLocale(CliLocale.of(v -> "LANG".equals(v) ? lang : null).orElse(Locale.ENGLISH));
        CommandLine cl = MainCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void anUnknownOptionAndAnArgumentNothingTakesInChinese() {
        Run r = cli("zh_CN.UTF-8", "diagnose", "--frobnicate", LOG);
        assertEquals(MainCommand.BAD_INPUT, r.code());
        assertEquals("未知选项：'--frobnicate'\n请参阅 'r4-rescue diagnose --help'。\n", r.err());

        Run extra = cli("zh_CN.UTF-8", "diagnose", LOG, "extra");
        assertTrue(extra.err().startsWith("无法识别的参数：'extra'\n"), extra.err());
    }

    @Test
    void aMissingParameterAndAMissingOptionInChinese() {
        Run file = cli("zh_CN.UTF-8", "diagnose");
        assertEquals(MainCommand.BAD_INPUT, file.code());
        assertEquals("缺少必需的参数：'FILE|-'\n请参阅 'r4-rescue diagnose --help'。\n", file.err());

        Run port = cli("zh_CN.UTF-8", "env");
        assertTrue(port.err().startsWith("缺少必需的选项：'--port'\n"), port.err());
        assertTrue(port.err().contains("请参阅 'r4-rescue env --help'。"), port.err());
    }

    @Test
    void englishAndJsonKeepPicocliWords() {
        Run en = cli("C.UTF-8", "diagnose", "--frobnicate", LOG);
        assertEquals("Unknown option: '--frobnicate'\nSee 'r4-rescue diagnose --help'.\n", en.err());

        Run json = cli("zh_CN.UTF-8", "diagnose", "--json", "--frobnicate", LOG);
        assertEquals("Unknown option: '--frobnicate'\nSee 'r4-rescue diagnose --help'.\n", json.err());
    }
}
