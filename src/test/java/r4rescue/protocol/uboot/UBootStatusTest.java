package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import r4rescue.console.Console;
import r4rescue.link.PipeLink;

/**
 * U-Boot's {@code $?} is whatever the command returned: a negative errno, or (from an odd shell)
 * not a number at all. Either must end the command at once as a failure, never as a wait for a
 * marker that cannot come and a "no answer".
 */
@Tag("unit")
class UBootStatusTest {

    private static final Pattern LINE = Pattern.compile("(.*); echo R4\"=\"\\$\\?=(\\d+)");

    /** A U-Boot stand-in: echoes what is typed, prints the marker with the status given per command. */
    private static PipeLink board(Map<String, String> statusOf) {
        PipeLink[] link = new PipeLink[1];
        StringBuilder typed = new StringBuilder();
        link[0] = new PipeLink("uboot", 115200, (d, o, l) -> {
            StringBuilder out = new StringBuilder();
            for (int i = o; i < o + l; i++) {
                char c = (char) (d[i] & 0xff);
                if (c == 3) {
                    out.append("<INTERRUPT>\r\nMT7988> ");
                } else if (c == '\r') {
                    Matcher m = LINE.matcher(typed.toString());
                    typed.setLength(0);
                    out.append("\r\n");
                    if (m.matches()) {
                        String cmd = m.group(1);
                        if (cmd.equals("version")) {
                            out.append("U-Boot 2024.10-OpenWrt-r28597-0425664679\r\n");
                        }
                        out.append("R4=").append(statusOf.getOrDefault(cmd, "0")).append('=').append(m.group(2)).append("\r\n");
                    }
                    out.append("MT7988> ");
                } else {
                    typed.append(c);
                    out.append(c);
                }
            }
            byte[] b = out.toString().getBytes(StandardCharsets.ISO_8859_1);
            link[0].deliver(b, 0, b.length);
        });
        return link[0];
    }

    @Test
    @Timeout(20)
    void aNegativeStatusIsAFailureAtOnce() throws Exception {
        try (Console c = new Console(board(Map.of("ubi read 0x50000000 fip", "-22")))) {
            c.open();
            try (UBootSession s = UBootSession.attach(c)) {
                long t0 = System.nanoTime();
                CommandResult r = s.run("ubi read 0x50000000 fip", Duration.ofSeconds(180));
                assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered without waiting out the timeout");
                assertEquals(-22, r.status());
                assertFalse(r.ok());
                UBootException e = assertThrows(UBootException.class, () -> s.check("ubi read 0x50000000 fip", Duration.ofSeconds(180)));
                assertTrue(e.getMessage().contains("exit status -22"), e.getMessage());
            }
        }
    }

    @Test
    @Timeout(20)
    void aStatusThatIsNotANumberIsAFailureThatSaysSo() throws Exception {
        try (Console c = new Console(board(Map.of("saveenv", "abc", "mmc rescan", "")))) {
            c.open();
            try (UBootSession s = UBootSession.attach(c)) {
                CommandResult r = s.run("saveenv", Duration.ofSeconds(180));
                assertFalse(r.ok());
                assertEquals(CommandResult.UNKNOWN_STATUS, r.status());
                assertTrue(r.failure().contains("'abc'"), r.failure());
                assertFalse(s.run("mmc rescan", Duration.ofSeconds(180)).ok(), "an empty $? is no success either");
                assertTrue(s.run("true").ok(), "the session goes on: the next command is in step");
            }
        }
    }
}
