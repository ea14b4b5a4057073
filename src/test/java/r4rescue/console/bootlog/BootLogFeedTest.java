package r4rescue.console.bootlog;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.ConsoleModel;
import r4rescue.console.LineAssembler;

/** The live feed: line cutting, idle flush of prompts without feeding twice, ticks, and the console hint. */
@Tag("unit")
class BootLogFeedTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<String> lines = new ArrayList<>();
    private final BootLogFeed feed = new BootLogFeed(new BootLogObserver(), (l, t) -> lines.add(l), clock::get, null, 150, 500);

    private void send(String s) {
        feed.onBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lfCrlfAndLoneCrEndLinesOnce() {
        send("one\ntwo\r\nthree\r\n\r\nfour\rfive\n\r\nsix\n");
        assertEquals(List.of("one", "two", "three", "", "four", "five", "", "six"), lines);
    }

    @Test
    void crlfSplitAcrossChunksIsOneLineEnd() {
        send("NOTICE:  BL2: v2.10.0\r");
        send("\nNOTICE:  BL2: Booting BL31\r");
        send("\n");
        assertEquals(List.of("NOTICE:  BL2: v2.10.0", "NOTICE:  BL2: Booting BL31"), lines);
    }

    @Test
    void utf8SplitAcrossChunksAndBadBytesNeverThrow() {
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        feed.onBytes(new byte[] {'a', euro[0]});
        feed.onBytes(new byte[] {euro[1], euro[2], 'b', (byte) 0xff, (byte) 0xc3, '\n'});
        assertEquals(List.of("a\u20acb\ufffd\ufffd"), lines);
    }

    @Test
    void promptIsFlushedAfterIdleOnceAndWhatFollowsIsTheNextLine() {
        send("MT7988> ");
        feed.poll();
        assertTrue(lines.isEmpty(), "not quiet long enough yet");
        clock.addAndGet(149);
        feed.poll();
        assertTrue(lines.isEmpty());
        clock.addAndGet(1);
        feed.poll();
        assertEquals(List.of("MT7988> "), lines, "flushed after 150 ms of quiet");
        clock.addAndGet(1000);
        feed.poll();
        assertEquals(1, lines.size(), "flushed once only");
        send("printenv\r\nbootcmd=run boot_default\r\n");
        assertEquals(List.of("MT7988> ", "printenv", "bootcmd=run boot_default"), lines, "never fed twice");
        assertEquals(3, feed.lines());
    }

    @Test
    void bytesKeepArrivingSoTheLineWaits() {
        for (int i = 0; i < 10; i++) {
            send("x");
            clock.addAndGet(100);
            feed.poll();
        }
        assertTrue(lines.isEmpty(), "a slow line is not cut while bytes keep coming");
        send("\n");
        assertEquals(List.of("xxxxxxxxxx"), lines);
    }

    @Test
    void countdownWithBackspacesIsFlushedAndContinued() {
        send("Hit any key to stop autoboot:  3");
        clock.addAndGet(200);
        feed.poll();
        send("\b\b\b 2");
        clock.addAndGet(200);
        feed.poll();
        assertEquals(List.of("Hit any key to stop autoboot:  3", "\b\b\b 2"), lines);
    }

    @Test
    void endlessNoiseIsCutIntoBoundedLines() {
        send("~".repeat(BootLogFeed.MAX_LINE * 2 + 5));
        assertEquals(2, lines.size());
        assertEquals(BootLogFeed.MAX_LINE, lines.get(0).length());
    }

    @Test
    void ansiColouredLinesReachTheObserverClean() {
        BootLogObserver o = new BootLogObserver();
        BootLogFeed f = new BootLogFeed(o, clock::get, null, 150, 500);
        for (String chunk : List.of("\u001b[0;32mU-Boot 2024.10-Open", "Wrt-r28597 (Jun 17 2025)\u001b[0m\r\n")) {
            f.onBytes(chunk.getBytes(StandardCharsets.UTF_8));
        }
        BootDiagnosis d = o.snapshot();
        assertEquals(Stage.UBOOT, d.lastStage());
        assertEquals("U-Boot 2024.10-OpenWrt-r28597 (Jun 17 2025)", d.stages().get(0).text());
    }

    @Test
    void silenceIsReportedByTheTickAndPublished() {
        BootLogObserver o = new BootLogObserver();
        BootLogFeed f = new BootLogFeed(o, clock::get, null, 150, 500);
        AtomicReference<BootDiagnosis> seen = new AtomicReference<>();
        f.setListener((d, since) -> seen.set(d));
        f.start();
        try {
            clock.addAndGet(BootLogData.standard().silentAfterMs + 1);
            f.poll();
            assertNotNull(seen.get(), "the verdict was published");
            assertEquals(BootDiagnosis.Outcome.SILENT, seen.get().outcome());
            assertEquals("check-wiring", seen.get().failure().fix());
        } finally {
            f.close();
        }
    }

    @Test
    void wholeCorpusLogInRandomChunksDiagnosesLikeTheSavedLog() throws IOException {
        byte[] raw = corpus("nand-complete.log");
        BootLogObserver o = new BootLogObserver();
        BootLogFeed f = new BootLogFeed(o, clock::get, null, 150, 500);
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < raw.length; ) {
            int n = Math.min(raw.length - i, 1 + r.nextInt(40));
            byte[] chunk = new byte[n];
            System.arraycopy(raw, i, chunk, 0, n);
            f.onBytes(chunk);
            i += n;
        }
        f.flush(clock.get());
        BootDiagnosis live = o.finish();
        BootDiagnosis saved = SavedLog.diagnose(raw);
        assertEquals(saved.outcome(), live.outcome());
        assertEquals(saved.stages().stream().map(StageMark::line).toList(), live.stages().stream().map(StageMark::line).toList());
        assertEquals(saved.lines(), live.lines());
    }

    @Test
    void theConsoleHintLocatesTheEvidenceLine() throws IOException {
        byte[] raw = corpus("emmc-system-halt.log");
        ConsoleModel model = new ConsoleModel(1000);
        LineAssembler view = new LineAssembler(model);
        view.marker("connected");
        BootLogObserver o = new BootLogObserver();
        BootLogFeed f = new BootLogFeed(o, clock::get, () -> model.endSeq() - 1, 150, 500);
        view.onBytes(raw);
        f.onBytes(raw);
        Finding failure = o.snapshot().failure();
        assertEquals("brom-system-halt", failure.id());
        long seq = EvidenceLocator.locate(model, failure.text(), f.consoleSeqHint(failure.line()));
        assertEquals("System halt!", model.line(seq).text());
        assertEquals(failure.line(), seq - model.firstSeq(), "one marker line, then the log's lines");
        assertEquals(-1, EvidenceLocator.locate(model, "not in the scrollback", 3));
    }

    static byte[] corpus(String name) throws IOException {
        try (InputStream in = BootLogFeedTest.class.getResourceAsStream("/r4rescue/bootlog/corpus/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }
}
