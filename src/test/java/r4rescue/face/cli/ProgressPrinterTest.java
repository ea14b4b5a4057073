package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Progress into a pipe is whole lines, few of them; on a terminal one live line; rates from a recent window. */
@Tag("unit")
class ProgressPrinterTest {

    private long now;

    private ProgressPrinter printer(StringWriter sink, boolean terminal) {
        return new ProgressPrinter(new PrintWriter(sink), terminal, () -> now);
    }

    /** 293 blocks of 1 KiB at 20 ms each, as a 300,000-byte load reports them. */
    private void feedLoad(ProgressPrinter p) {
        now = 0;
        for (long done = 1024; ; done += 1024) {
            now += 20_000_000L;
            p.update("f.bin", Math.min(done, 300_000), 300_000);
            if (done >= 300_000) {
                break;
            }
        }
        p.end();
    }

    @Test
    void intoAPipeItWritesAboutElevenLinesEachEndingInNewline() {
        StringWriter sink = new StringWriter();
        feedLoad(printer(sink, false));
        String text = sink.toString();
        assertFalse(text.contains("\r"), "no carriage returns into a pipe");
        assertTrue(text.endsWith("\n"));
        List<String> lines = Arrays.asList(text.split("\n"));
        // The first update, one per 10 % and the end: 11 lines, never 293.
        assertEquals(11, lines.size(), text);
        assertTrue(lines.get(lines.size() - 1).contains("300,000 of 300,000 bytes (100 %)"), text);
    }

    @Test
    void aSlowTransferStillWritesALineEveryFiveSeconds() {
        StringWriter sink = new StringWriter();
        ProgressPrinter p = printer(sink, false);
        now = 0;
        for (int i = 0; i <= 30; i++) {
            p.update("fip", i * 100L, 100_000); // 30 s, well under 10 %
            now += 1_000_000_000L;
        }
        // t = 0, 5, 10, 15, 20, 25, 30 s.
        assertEquals(7, sink.toString().split("\n").length, sink.toString());
    }

    @Test
    void onATerminalItRedrawsOneLiveLineAndEndsIt() {
        StringWriter sink = new StringWriter();
        feedLoad(printer(sink, true));
        String text = sink.toString();
        assertEquals(1, text.split("\n", -1).length - 1, "one newline, at the end");
        assertTrue(text.endsWith("\n"));
        long redraws = text.chars().filter(c -> c == '\r').count();
        // 20 ms per block, redrawn at most every 100 ms: about 60 of the 293 updates.
        assertTrue(redraws > 50 && redraws < 70, "redraws " + redraws);
    }

    @Test
    void rateAndTimeLeftComeFromTheRecentWindowNotFromTheStart() {
        StringWriter sink = new StringWriter();
        ProgressPrinter p = printer(sink, true); // a terminal shows every update 100 ms apart
        now = 0;
        p.update("f", 0, 300_000);
        now = 60_000_000_000L; // a minute passes before the first block (slow handshake)
        for (int i = 1; i <= 100; i++) {
            now += 100_000_000L; // then 10 KiB/s
            p.update("f", i * 1024L, 300_000);
        }
        assertEquals(10.0, p.bytesPerSecond() / 1024, 0.01);
        String text = sink.toString();
        String last = text.substring(text.lastIndexOf('\r'));
        assertTrue(last.contains("10.0 KiB/s"), last);
        assertTrue(last.contains("19 s left"), last); // (300,000 - 102,400) / 10,240
    }

    @Test
    void theNextFileGetsItsOwnTenths() {
        StringWriter sink = new StringWriter();
        ProgressPrinter p = printer(sink, false);
        now = 0;
        for (String file : new String[] {"bl2", "fip"}) {
            for (long done = 0; done <= 100_000; done += 1_000) {
                now += 10_000_000L;
                p.update(file, done, 100_000);
            }
        }
        String text = sink.toString();
        assertEquals(11, text.lines().filter(l -> l.startsWith("bl2:")).count(), text);
        assertEquals(11, text.lines().filter(l -> l.startsWith("fip:")).count(), text);
    }
}
