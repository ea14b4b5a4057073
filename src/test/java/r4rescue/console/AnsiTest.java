package r4rescue.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AnsiTest {

    @Test
    void escapesGoEverythingElseStays() {
        assertEquals("[  OK  ] Started uhttpd.", Ansi.strip("[  \u001b[0;32mOK  \u001b[0m] Started \u001b[0;1;39muhttpd\u001b[0m."));
        assertEquals("root@OpenWrt:~# ", Ansi.strip("\u001b[6nroot@OpenWrt:~# "), "BusyBox ash's cursor query");
        assertEquals("MT7988> ", Ansi.strip("\u001b[?25h\u001b[2J\u001b[1;1HMT7988> "));
        assertEquals("shell", Ansi.strip("\u001b]0;root@OpenWrt\u0007shell"), "OSC window title, BEL");
        assertEquals("shell", Ansi.strip("\u001b]0;title\u001b\\shell"), "OSC ended by ST");
        assertEquals("ab", Ansi.strip("\u001b(Ba\u001b7\u001b8\u001b=b"), "charset and two-byte escapes");
        assertEquals("a\r\bb", Ansi.strip("a\r\bb"), "CR and BS are the caller's business");
        assertEquals("plain", Ansi.strip("plain"));
    }

    @Test
    void noiseCannotSwallowTheRestOfTheLog() {
        String noise = "\u001b[" + "1".repeat(200) + "text";
        assertEquals(141, Ansi.strip(noise).length(), "a CSI ends after 64 characters");
    }
}
