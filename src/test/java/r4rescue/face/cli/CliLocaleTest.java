package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CliLocaleTest {

    private static UnaryOperator<String> env(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m::get;
    }

    @Test
    void theVariablesAreReadInPosixOrder() {
        assertEquals(Optional.of(new Locale("zh", "CN")), CliLocale.of(env("LANG", "zh_CN.UTF-8")));
        assertEquals(Optional.of(new Locale("de", "DE")), CliLocale.of(env("LANG", "zh_CN.UTF-8", "LC_MESSAGES", "de_DE.UTF-8")));
        assertEquals(Optional.of(Locale.ENGLISH), CliLocale.of(env("LANG", "zh_CN.UTF-8", "LC_MESSAGES", "de_DE", "LC_ALL", "en")));
        assertEquals(Optional.of(new Locale("de", "AT")), CliLocale.of(env("LANG", "de_AT.ISO-8859-1@euro")));
    }

    @Test
    void noLanguageNamedLeavesTheJvmsChoice() {
        assertEquals(Optional.empty(), CliLocale.of(env()));
        assertEquals(Optional.empty(), CliLocale.of(env("LANG", "C.UTF-8")));
        assertEquals(Optional.empty(), CliLocale.of(env("LANG", "POSIX")));
        assertEquals(Optional.empty(), CliLocale.of(env("LANG", "")));
    }

    @Test
    void utf8IsTakenFromTheCodeset() {
        assertTrue(CliLocale.utf8(env("LANG", "zh_CN.UTF-8")));
        assertTrue(CliLocale.utf8(env("LANG", "C.utf8")));
        assertFalse(CliLocale.utf8(env("LANG", "de_DE.ISO-8859-1")));
        assertFalse(CliLocale.utf8(env("LANG", "zh_CN.UTF-8", "LC_ALL", "C")));
    }
}
