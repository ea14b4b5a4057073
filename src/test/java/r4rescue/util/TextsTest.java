package r4rescue.util;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TextsTest {

    private final Locale before = Texts.locale();

    @AfterEach
    void restore() {
        Texts.useLocale(before);
    }

    @Test
    void theUsersLanguageIsUsedAndArgumentsAreFilledLiterally() {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        assertEquals("你好，BPI-R4：512 MiB", Texts.t("testarea.hello", "BPI-R4", 512));
        Texts.useLocale(Locale.ENGLISH);
        assertEquals("Hello, BPI-R4: it's 512 MiB", Texts.t("testarea.hello", "BPI-R4", 512),
                "an apostrophe is text, not MessageFormat's quote");
    }

    @Test
    void jsonGetsEnglishWhateverTheUsersLanguage() {
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        assertEquals("Hello, x: it's 1 MiB", Texts.en("testarea.hello", "x", 1));
    }

    @Test
    void aKeyMissingInTheLanguageFallsBackToEnglishNotToTheJvmDefault() {
        Locale jvm = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            Texts.useLocale(Locale.GERMAN);
            assertEquals("Hello, a: it's b MiB", Texts.t("testarea.hello", "a", "b"));
            Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
            assertEquals("Only in English", Texts.t("testarea.only-en"));
        } finally {
            Locale.setDefault(jvm);
        }
    }

    @Test
    void aMissingKeyShowsItselfAndAKeyWithoutAreaIsRefused() {
        assertEquals("testarea.nope", Texts.t("testarea.nope"));
        assertFalse(Texts.has("testarea.nope"));
        assertTrue(Texts.has("testarea.only-en"));
        assertThrows(IllegalArgumentException.class, () -> Texts.t("noarea"));
    }

    @Test
    void placeholdersBeyondTheArgumentsOrNotNumbersStayAsTheyAre() {
        assertEquals("{1} {x} {} a {99999999999}", Texts.fill("{1} {x} {} {0} {99999999999}", "a"));
    }

    @Test
    void aMessageIsWordedInTheUsersLanguageAndInEnglishForJson() {
        Message m = Message.of("testarea.hello", "R4", 2);
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
        assertEquals("你好，R4：2 MiB", m.text());
        assertEquals("Hello, R4: it's 2 MiB", m.english());
        assertEquals("testarea.hello", m.key());
    }
}
