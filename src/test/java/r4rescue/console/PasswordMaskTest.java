package r4rescue.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** What is typed (and echoed) at a Password: prompt never reaches a log in clear. */
@Tag("unit")
class PasswordMaskTest {

    @TempDir
    Path dir;

    private static String masked(PasswordMask m, String... chunks) {
        StringBuilder b = new StringBuilder();
        for (String c : chunks) {
            b.append(new String(m.apply(c.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void theEchoAfterAPasswordPromptIsMaskedUpToTheLineEnd() {
        assertEquals("OpenWrt login: root\r\nPassword: ******\r\nroot@OpenWrt:~# ",
                masked(new PasswordMask(), "OpenWrt login: root\r\nPassword: s3cr3t\r\nroot@OpenWrt:~# "));
        // Split anywhere, across chunks; any case; su's prompt without a space.
        assertEquals("pass", masked(new PasswordMask(), "pass"));
        assertEquals("PassWord: ****\nnext", masked(new PasswordMask(), "Pass", "Word", ": ", "ab", "cd\nnext"));
        assertEquals("Password:***\r\n", masked(new PasswordMask(), "Password:", "x y", "\r\n"));
    }

    /**
     * The echo may arrive in the same chunk as the prompt, so where the prompt ends cannot be told from
     * where the chunk ends: the rest of any line after "password:" is masked, the safe side.
     */
    @Test
    void otherLinesAreLeftAloneAndTheRestOfAnyPasswordLineIsMasked() {
        String text = "Password changed.\r\nroot@OpenWrt:~# echo password: is a word\r\nNew password:\r\n";
        assertEquals("Password changed.\r\nroot@OpenWrt:~# echo password: *********\r\nNew password:\r\n",
                masked(new PasswordMask(), text));
        byte[] plain = "U-Boot 2024.10\r\n".getBytes(StandardCharsets.US_ASCII);
        PasswordMask m = new PasswordMask();
        assertTrue(plain == m.apply(plain), "nothing copied when nothing is masked");
    }

    @Test
    void sessionLogMasksBothFiles() throws Exception {
        SessionLogTest.Logged l = SessionLogTest.Logged.open(dir);
        SessionLog log = l.log();
        byte[] a = "OpenWrt login: root\r\nPassword: hun".getBytes(StandardCharsets.UTF_8);
        byte[] b = "ter2\r\nroot@OpenWrt:~# ".getBytes(StandardCharsets.UTF_8);
        l.link().deliver(a, 0, a.length);
        l.link().deliver(b, 0, b.length);
        l.console().close();
        SessionLogTest.waitFor(() -> Files.readString(log.logFile()).contains("closed at"));
        String bin = Files.readString(log.binFile(), StandardCharsets.ISO_8859_1);
        String text = Files.readString(log.logFile());
        assertEquals("OpenWrt login: root\r\nPassword: *******\r\nroot@OpenWrt:~# ", bin);
        assertTrue(text.contains("  Password: *******\n"), text);
        assertFalse(bin.contains("hun") || text.contains("hun") || text.contains("ter2"), text);
    }
}
