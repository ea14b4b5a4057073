package r4rescue.console;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.link.LinkException;
import r4rescue.link.PipeLink;

@Tag("unit")
class ConsoleTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void tapFindsPatternAndKeepsWhatFollows() throws Exception {
        ByteArrayOutputStream toBoard = new ByteArrayOutputStream();
        PipeLink link = new PipeLink("pipe", 115200, (d, o, l) -> toBoard.write(d, o, l));
        Console console = new Console(link);
        console.open();
        try (Tap tap = console.tap()) {
            link.deliver(ascii("U-Boot 2024.10\r\nMT7988> echo"), 0, 27);
            Tap.Match m = tap.readUntil(Pattern.compile("(\\S+)> "), 1000);
            assertNotNull(m);
            assertEquals("MT7988", m.group(1));
            assertTrue(m.text().startsWith("U-Boot"));
            // "echo" was after the match and must still be readable.
            assertEquals('e', tap.read(100));
            assertNull(tap.readUntil(Pattern.compile("never"), 50));
        }
        console.send("abc");
        assertEquals("abc", toBoard.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void everySubscriberSeesEveryByteInOrder() throws Exception {
        PipeLink link = new PipeLink("pipe", 115200, (d, o, l) -> { });
        Console console = new Console(link);
        console.open();
        int total = 200_000;
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        CountDownLatch done = new CountDownLatch(1);
        console.subscribe("a", chunk -> {
            a.write(chunk, 0, chunk.length);
            if (a.size() == total) {
                done.countDown();
            }
        });
        byte[] data = new byte[total];
        for (int i = 0; i < total; i++) {
            data[i] = (byte) i;
        }
        for (int i = 0; i < total; i += 1000) {
            link.deliver(data, i, 1000);
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertArrayEquals(data, a.toByteArray());
    }

    @Test
    void tapReadFailsOnceTheCableIsPulled() throws Exception {
        PipeLink link = new PipeLink("pipe", 115200, (d, o, l) -> { });
        Console console = new Console(link);
        console.open();
        try (Tap tap = console.tap()) {
            link.deliver(ascii("x"), 0, 1);
            link.disconnect("cable pulled");
            assertEquals('x', tap.read(100));
            LinkException e = assertThrows(LinkException.class, () -> tap.read(1000));
            assertEquals(LinkException.Reason.DISCONNECTED, e.reason());
            assertTrue(e.getMessage().contains("cable pulled"));
        }
    }
}
