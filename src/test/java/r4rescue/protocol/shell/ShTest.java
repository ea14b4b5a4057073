package r4rescue.protocol.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Quoting and compound commands for the board's shell. The {@link Sh#all} cases run under the host's
 * real BusyBox ash ({@code /bin/busybox sh -c}); the QEMU bed repeats them on a console.
 */
@Tag("unit")
class ShTest {

    @Test
    void controlCharactersThatTheLineEditorActsOnAreRefused() {
        // ^C, tab, newline, CR, ^U (kill line), ^W, ESC, DEL, and the C1 CSI
        for (char c : new char[] {0x03, '\t', '\n', '\r', 0x15, 0x17, 0x1b, 0x7f, 0x9b}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sh.quote("a" + c + "; reboot"));
            assertTrue(e.getMessage().contains("0x" + Integer.toHexString(c) + (c == '\n' ? " (newline)" : "") + " at position 1"),
                    e.getMessage());
        }
    }

    @Test
    void printableValuesAreOneWord() {
        assertEquals("'it'\\''s'", Sh.quote("it's"));
        assertEquals("'$HOME \"x\" \\ `id` ü €'", Sh.quote("$HOME \"x\" \\ `id` ü €"));
        assertEquals("''", Sh.quote(""));
    }

    @Test
    void allStopsAtTheFirstFailureAndAFailedPipeStageFailsIt() throws Exception {
        assumeTrue(new File("/bin/busybox").canExecute(), "needs BusyBox");
        Run ok = ash(Sh.all("echo one", "echo two | cat"));
        assertEquals(0, ok.status);
        assertEquals("one\ntwo\n", ok.out);
        // The cache drop of a read-back: a failing middle part stops the line with its status.
        Run mid = ash(Sh.all("true", "echo x > /nonexistent/drop_caches", "echo READ"));
        assertTrue(mid.status != 0, mid.out);
        assertTrue(mid.out.contains("can't create /nonexistent/drop_caches"), mid.out);
        assertTrue(!mid.out.contains("READ"), mid.out);
        // Without pipefail `head … | sha256sum` would pass with the hash of nothing.
        Run pipe = ash(Sh.all("head -c 4 /nonexistent | sha256sum"));
        assertEquals(1, pipe.status, pipe.out);
        // A part holding ';' or '||' stays whole.
        assertEquals("a\nb\n", ash(Sh.all("false || echo a; echo b")).out);
        Run opt = ash(Sh.all("true") + "; false | true; echo $?");
        assertEquals("0\n", opt.out, "the option ends with the subshell");
    }

    private record Run(int status, String out) {
    }

    private static Run ash(String command) throws Exception {
        Process p = new ProcessBuilder("/bin/busybox", "sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }
}
