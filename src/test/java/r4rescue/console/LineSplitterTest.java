package r4rescue.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LineSplitterTest {

    @Test
    void cutsLinesAcrossChunksAndKeepsTheirTime() {
        List<String> got = new ArrayList<>();
        LineSplitter s = new LineSplitter(16, (l, t) -> got.add(l + "@" + t));
        s.feed("U-Boot 20", 1);
        s.feed("24.10\r\nMT7988> ", 2);
        assertEquals(List.of("U-Boot 2024.10@2"), got);
        assertEquals("MT7988> ", s.partial().toString());
        s.dropPartial();
        s.feed("0123456789abcdefXY\n", 3);
        assertEquals(List.of("U-Boot 2024.10@2", "0123456789abcdef@3", "XY@3"), got, "a long line is cut at its maximum");
        got.clear();
        byte[] utf8 = "é\n".getBytes(StandardCharsets.UTF_8);
        s.onBytes(new byte[] {utf8[0]});
        s.onBytes(new byte[] {utf8[1], utf8[2]});
        assertEquals("é", got.get(0).substring(0, 1), "a character split over two chunks is joined");
    }
}
