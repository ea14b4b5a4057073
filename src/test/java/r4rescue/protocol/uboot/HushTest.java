package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class HushTest {

    @Test
    void quotesAsVerifiedOnRealUBoot() {
        assertEquals("'a b'", Hush.quote("a b"));
        assertEquals("'it'\\''s'", Hush.quote("it's"));
        assertEquals("'a\\\\b'", Hush.quote("a\\b"));
        assertEquals("'$x;y'", Hush.quote("$x;y"));
        assertEquals("setenv x", Hush.setenv("x", ""));
    }

    @Test
    void refusesWhatTheCommandLineCannotCarry() {
        for (String v : new String[] {"a\nb", "a\rb", "a\u0000b", "a\tb", "a\u0003b", "a\u007fb"}) {
            assertThrows(IllegalArgumentException.class, () -> Hush.quote(v));
        }
        for (String n : new String[] {"", "1x", "a b", "a=b", "a;b", "a$b"}) {
            assertThrows(IllegalArgumentException.class, () -> Hush.checkName(n));
        }
    }

    @Test
    void environmentParsesValuesWithEqualsAndTheSizeLine() {
        UBootEnv e = UBootEnv.parse("a=1\nmtdparts=mtdparts=nor1:512k(BL2)\nmulti=line1\nline2\n\nEnvironment size: 198/262140 bytes\n");
        assertEquals("mtdparts=nor1:512k(BL2)", e.get("mtdparts"));
        assertEquals("line1\nline2", e.get("multi"));
        assertEquals(198, e.usedBytes());
        assertEquals(262140, e.totalBytes());
        assertEquals(java.util.List.of("a", "mtdparts", "multi"), java.util.List.copyOf(e.asMap().keySet()));
    }

    @Test
    void errorTextsMatchFailuresButNotNormalOutput() {
        UBootErrors errs = UBootErrors.standard();
        for (String bad : new String[] {"Unknown command 'foo' - try 'help'", "## Error: \"x\" not defined", "Failed (1)",
                "Write on FIP failed with error -5", "Volume fip not found!", "Bad Data CRC", "Wrong Image Format for bootm command",
                "Flash buffer write timeout at address 4020000 data 0", "Error: invalid partition"}) {
            assertFalse(errs.errorLines(bad).isEmpty(), bad);
        }
        for (String good : new String[] {"crc32 for 41000000 ... 4100ffff ==> 1234abcd", "## Total Size      = 0x00010000 = 65536 Bytes",
                "OK", "Erasing 0x00000000 ... 0x001fffff (16 eraseblock(s))", "Skipping bad block at 0x00100000",
                "2097152 bytes written to volume fip", "U-Boot 2023.01+dfsg-2+deb12u3 (Jun 22 2026 - 08:38:07 +0000)"}) {
            assertTrue(errs.errorLines(good).isEmpty(), good);
        }
    }

    @Test
    void promptIsTheRepeatedLine() {
        assertEquals("=> ", ConsoleText.repeatedPrompt("boot\n=> <INTERRUPT>\n=> <INTERRUPT>\n=> "));
        assertEquals("MT7988> ", ConsoleText.repeatedPrompt(ConsoleText.clean("\u001b[?25h\r\nMT7988> \r\nMT7988> ")));
        assertEquals("=> ", ConsoleText.repeatedPrompt("=> => => "));
        assertNull(ConsoleText.repeatedPrompt("Hit any key to stop autoboot:  2 "));
        assertNull(ConsoleText.repeatedPrompt("DRAM: 512 MiB\nCore: 47 devices\n"));
    }
}
