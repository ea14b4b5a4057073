package r4rescue.console;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.link.LinkState;

@Tag("unit")
class LineAssemblerTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final ConsoleModel model = new ConsoleModel(1000);
    private final LineAssembler term = new LineAssembler(model, clock::get);

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        term.feed(b, 0, b.length);
    }

    private List<String> lines() {
        List<String> out = new ArrayList<>();
        for (StyledLine l : model.snapshot()) {
            out.add(l.text());
        }
        return out;
    }

    @Test
    void crlfLoneLfAndBlankLines() {
        feed("one\r\ntwo\nthree\r\n\r\nfour");
        assertEquals(List.of("one", "two", "three", "", "four"), lines());
        assertTrue(model.isLastLineOpen(), "a prompt without newline is an open line");
        feed("\r\n");
        assertFalse(model.isLastLineOpen());
    }

    @Test
    void carriageReturnOverwritesAndEraseLineClears() {
        feed("Erasing 10%\rErasing 55%\r\n");
        feed("abcdef\rXY\r\n");
        feed("long line here\r\u001b[Kshort\r\n");
        feed("keep\u001b[2Kx\r\n");
        assertEquals(List.of("Erasing 55%", "XYcdef", "short", "    x"), lines());
    }

    @Test
    void backspaceMovesLeftAndShellRubOut() {
        feed("helo\b\bllo\r\n");
        feed("MT7988> ab\b \b\r\n");
        assertEquals(List.of("hello", "MT7988> a "), lines());
    }

    @Test
    void crAtChunkBoundaryBeforeLfIsOneNewline() {
        feed("line\r");
        feed("\nnext\r\n");
        assertEquals(List.of("line", "next"), lines());
    }

    @Test
    void sgrColoursBecomeStyledRuns() {
        feed("[  \u001b[0;32mOK  \u001b[0m] Started \u001b[1;91mfoo\u001b[0m.\r\n");
        StyledLine l = model.snapshot().get(0);
        assertEquals("[  OK  ] Started foo.", l.text());
        int ok = l.styleAt(3);
        assertEquals(2, Style.foreground(ok));
        assertEquals(Style.DEFAULT, l.styleAt(0));
        int foo = l.styleAt(l.text().indexOf("foo"));
        assertEquals(9, Style.foreground(foo));
        assertTrue(Style.has(foo, Style.BOLD));
        assertEquals(Style.DEFAULT, l.styleAt(l.text().length() - 1));
        feed("\u001b[44;97mx\u001b[38;5;208my\u001b[38;2;255;0;0mz\u001b[7mr\u001b[m\r\n");
        StyledLine c = model.snapshot().get(1);
        assertEquals("xyzr", c.text());
        assertEquals(4, Style.background(c.styleAt(0)));
        assertEquals(15, Style.foreground(c.styleAt(0)));
        assertEquals(208, Style.foreground(c.styleAt(1)));
        assertEquals(196, Style.foreground(c.styleAt(2)), "truecolor red maps to the cube's red");
        assertTrue(Style.has(c.styleAt(3), Style.REVERSE));
    }

    @Test
    void otherEscapeSequencesLeaveNoGarbage() {
        feed("a\u001b[?25lb\u001b]0;title\u0007c\u001b(Bd\u001b[5;10re\u001b[6nf\u001bP1$r\u001b\\g\u0000\u0007h\r\n");
        assertEquals(List.of("abcdefgh"), lines());
    }

    @Test
    void splitUtf8AndEscapeAcrossChunks() {
        byte[] all = "Grüße \u001b[31m€\u001b[0m 😀\r\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < all.length; i++) {
            term.feed(all, i, 1);
        }
        assertEquals(List.of("Grüße € 😀"), lines());
        assertEquals(1, Style.foreground(model.snapshot().get(0).styleAt(6)));
    }

    @Test
    void garbageBytesNeverThrowAndBecomeReplacementCharacters() {
        byte[] junk = {(byte) 0xC3, 'A', (byte) 0xFF, (byte) 0x80, (byte) 0xE2, (byte) 0x82, 'B', (byte) 0xC0, (byte) 0xAF, '\r', '\n'};
        term.feed(junk, 0, junk.length);
        assertEquals(List.of("\uFFFDA\uFFFD\uFFFD\uFFFDB\uFFFD\uFFFD"), lines());
        java.util.Random r = new java.util.Random(7);
        byte[] noise = new byte[200_000];
        r.nextBytes(noise);
        term.feed(noise, 0, noise.length);
        for (StyledLine l : model.snapshot()) {
            assertTrue(l.text().length() <= LineAssembler.MAX_LINE);
            assertFalse(l.text().chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f), "no control characters shown");
        }
    }

    @Test
    void bootMenuRedrawsInPlace() {
        feed("U-Boot 2024.10\r\n");
        String menu = "\u001b[2J\u001b[1;1H        ( ( ( OpenWrt ) ) )  [SD card]\r\n\r\n"
                + "\u001b[3;7H\u001b[7m1. Run default boot command.\u001b[0m"
                + "\u001b[4;7H2. Boot system via TFTP."
                + "\u001b[5;7H0. Exit"
                + "\u001b[8;3HPress UP/DOWN to move, ENTER to select, ESC to quit\u001b[?25l";
        feed(menu);
        // the user pressed Down: entries 1 and 2 are redrawn
        feed("\u001b[3;7H\u001b[0K1. Run default boot command.\u001b[4;7H\u001b[7m2. Boot system via TFTP.\u001b[0m");
        List<String> l = lines();
        assertEquals("U-Boot 2024.10", l.get(0));
        assertEquals("        ( ( ( OpenWrt ) ) )  [SD card]", l.get(1));
        assertEquals("      1. Run default boot command.", l.get(3));
        assertEquals("      2. Boot system via TFTP.", l.get(4));
        assertEquals("      0. Exit", l.get(5));
        assertEquals("  Press UP/DOWN to move, ENTER to select, ESC to quit", l.get(8));
        assertEquals(9, l.size());
        assertTrue(Style.has(model.snapshot().get(4).styleAt(7), Style.REVERSE));
        assertFalse(Style.has(model.snapshot().get(3).styleAt(7), Style.REVERSE));
        // leaving the menu clears the screen: a new screen starts below, the menu stays in the scrollback
        feed("\u001b[2J\u001b[1;1H\u001b[?25hMT7988> ");
        assertEquals("MT7988> ", lines().get(lines().size() - 1));
        assertEquals(10, lines().size());
    }

    @Test
    void markersGoAfterAnOpenPromptAndStateChangesAreMarked() {
        feed("MT7988> ");
        term.onState(LinkState.OPEN, null);
        term.onState(LinkState.DISCONNECTED, "adapter unplugged");
        term.onState(LinkState.OPEN, "reconnected");
        feed("x\r\n");
        List<String> l = lines();
        assertEquals("MT7988> ", l.get(0));
        assertTrue(l.get(1).startsWith("\u2014 connected at "), l.get(1));
        assertTrue(l.get(2).startsWith("\u2014 disconnected at ") && l.get(2).contains("adapter unplugged"), l.get(2));
        assertTrue(model.snapshot().get(2).marker());
        assertTrue(l.get(3).startsWith("\u2014 reconnected at "), l.get(3));
        assertEquals("x", l.get(4));
        assertEquals(5, l.size());
    }

    @Test
    void lineTimestampIsWhenTheFirstCharacterArrived() {
        feed("abc");
        clock.set(5_000);
        feed("def\r\n");
        assertEquals(1_000, model.snapshot().get(0).time());
    }

    @Test
    void changesReplayToAMirrorList() {
        List<StyledLine> mirror = new ArrayList<>();
        ConsoleModel small = new ConsoleModel(5);
        LineAssembler t = new LineAssembler(small, clock::get);
        int[] notified = {0};
        small.setChangeListener(() -> notified[0]++);
        java.util.Random r = new java.util.Random(3);
        String[] pieces = {"abc", "\r\n", "\r", "x", "\u001b[2J", "\u001b[3;1H", "\u001b[J", "\u001b[A", "\n", "prompt> "};
        for (int i = 0; i < 2000; i++) {
            byte[] b = pieces[r.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8);
            t.feed(b, 0, b.length);
            if (r.nextInt(4) == 0) {
                small.drainChanges().applyTo(mirror);
                assertEquals(small.snapshot(), mirror, "after step " + i);
            }
            if (i == 1000) {
                t.clear();
            }
        }
        small.drainChanges().applyTo(mirror);
        assertEquals(small.snapshot(), mirror);
        assertTrue(notified[0] > 10);
        assertTrue(small.drainChanges().isEmpty());
    }

    @Test
    void findNextAndPrevious() {
        feed("alpha\r\nbeta ALPHA alpha\r\ngamma\r\n");
        ConsoleModel.Match m = model.find("alpha", model.firstSeq(), 0, true);
        assertEquals(0, m.seq());
        m = model.find("alpha", m.seq(), m.start() + 1, true);
        assertEquals(1, m.seq());
        assertEquals(5, m.start());
        m = model.find("alpha", m.seq(), m.start() + 1, true);
        assertEquals(11, m.start());
        m = model.find("alpha", m.seq(), m.start() + 1, true);
        assertEquals(0, m.seq(), "wraps around");
        m = model.find("alpha", m.seq(), m.start(), false);
        assertEquals(1, m.seq());
        assertEquals(11, m.start(), "previous from the top wraps to the last match");
        assertNull(model.find("delta", 0, 0, true));
    }

    @Test
    void boundedMemoryAtAMillionLines() {
        ConsoleModel big = new ConsoleModel(); // default 100,000
        LineAssembler t = new LineAssembler(big, clock::get);
        byte[] line = "[   12.345678] mtk-soc-eth 15100000.ethernet eth0: \u001b[32mlink up\u001b[0m 2500Mbps\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[line.length * 100];
        for (int i = 0; i < 100; i++) {
            System.arraycopy(line, 0, chunk, i * line.length, line.length);
        }
        long heapAt200k = 0;
        for (int i = 0; i < 10_000; i++) { // 1,000,000 lines
            t.feed(chunk, 0, chunk.length);
            if (i == 2_000) {
                heapAt200k = usedHeapAfterGc();
            }
        }
        long heapAtEnd = usedHeapAfterGc();
        assertEquals(1_000_000, big.endSeq());
        assertEquals(100_000, big.size());
        assertEquals(900_000, big.firstSeq());
        System.out.printf("heap with full scrollback: at 200k lines %d MB, at 1M lines %d MB%n",
                heapAt200k >> 20, heapAtEnd >> 20);
        assertTrue(heapAtEnd < heapAt200k + (16 << 20), "heap grew from " + heapAt200k + " to " + heapAtEnd);
        assertTrue(big.line(big.endSeq() - 1).text().endsWith("link up 2500Mbps"));
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
