package r4rescue.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class UtilTest {

    @Test
    void sha256IsLowerCaseHexAsSha256sumPrintsIt() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hashes.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
        var d = Hashes.sha256();
        d.update("a".getBytes(StandardCharsets.US_ASCII));
        d.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Hashes.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)), Hashes.hex(d.digest()));
    }

    @Test
    void hexNumbersAsUBootWritesThem() {
        assertEquals(0x46000000L, Hex.parse("0x46000000"));
        assertEquals(0x46000000L, Hex.parse(" 46000000\n"));
        assertEquals(0x4600ABCDL, Hex.parse("0X4600abcd"));
        assertEquals(-1L, Hex.parse("ffffffffffffffff"), "unsigned, as U-Boot's 64-bit numbers");
        assertThrows(NumberFormatException.class, () -> Hex.parse("0x"));
        assertThrows(NumberFormatException.class, () -> Hex.parse("50000000 junk"));
    }

    @Test
    void aJsonResourceIsReadOnceOnFirstUse() {
        AtomicInteger made = new AtomicInteger();
        JsonResource<String> r = new JsonResource<>("/r4rescue/boards/bpi-r4/board.json", n -> {
            made.incrementAndGet();
            return n.toString();
        });
        assertEquals(0, made.get(), "nothing read before the first get");
        String first = r.get();
        assertSame(first, r.get());
        assertEquals(1, made.get());
    }

    @Test
    void aMissingResourceIsNamed() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new JsonResource<>("/r4rescue/no-such.json", n -> n).get());
        assertTrue(e.getMessage().contains("/r4rescue/no-such.json"), e.getMessage());
        assertThrows(IOException.class, () -> JsonResource.read("/r4rescue/no-such.json"));
    }
}
