package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ShellWordsTest {

    @Test
    void rawSpansEndAfterTheirQuoteOrEscapedCharacter() {
        assertEquals(5, ShellWords.rawSpanEnd("'a b'c", 0));
        assertEquals(6, ShellWords.rawSpanEnd("\"a\\\"b\"x", 0), "an escaped quote does not close");
        assertEquals(4, ShellWords.rawSpanEnd("'a\\'b'", 0), "no escapes inside single quotes");
        assertEquals(2, ShellWords.rawSpanEnd("\\ x", 0));
        assertEquals(0, ShellWords.rawSpanEnd("ab", 0), "no span starts at a plain character");
        assertEquals(0, ShellWords.rawSpanEnd("\\", 0), "a trailing backslash is a plain character");
        assertEquals(-1, ShellWords.rawSpanEnd("\"abc", 0));
        assertEquals(-1, ShellWords.rawSpanEnd("\"ab\\\"", 0));
    }

    @Test
    void doubleQuoteEscapesOnlyTheFourCharacters() {
        for (String s : new String[] {"\\\"", "\\\\", "\\$", "\\`"}) {
            assertTrue(ShellWords.escapesInDoubleQuotes(s, 0), s);
        }
        assertFalse(ShellWords.escapesInDoubleQuotes("\\n", 0));
        assertFalse(ShellWords.escapesInDoubleQuotes("\\", 0));
        assertFalse(ShellWords.escapesInDoubleQuotes("a$", 0));
    }

    @Test
    void namesAndFields() {
        assertEquals(6, ShellWords.nameEnd("$ab_c1-x", 1));
        assertEquals(1, ShellWords.nameEnd("$", 1));
        assertArrayEquals(new String[] {"", "a", "b", ""}, ShellWords.fields(" a \t\nb "));
    }
}
