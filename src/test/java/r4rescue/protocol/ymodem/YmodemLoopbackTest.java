package r4rescue.protocol.ymodem;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.Console;
import r4rescue.console.Tap;
import r4rescue.link.PipeLink;
import r4rescue.testbed.NoisyLink;

/** Our sender against our receiver in-process: sizes, noise, cancel, progress. */
@Tag("unit")
class YmodemLoopbackTest {

    private record Ends(Console sender, Console receiver, NoisyLink noisy) {
    }

    private static Ends connect(double flip, double drop) throws Exception {
        AtomicReference<PipeLink> a = new AtomicReference<>();
        AtomicReference<PipeLink> b = new AtomicReference<>();
        a.set(new PipeLink("a", 115200, (d, o, l) -> b.get().deliver(d, o, l)));
        b.set(new PipeLink("b", 115200, (d, o, l) -> a.get().deliver(d, o, l)));
        NoisyLink noisy = new NoisyLink(a.get(), flip, drop, 7);
        Console s = new Console(noisy);
        Console r = new Console(b.get());
        s.open();
        r.open();
        return new Ends(s, r, noisy);
    }

    private static YmodemReceiver.Received transfer(byte[] data, double flip, double drop, YmodemSender[] out) throws Exception {
        Ends e = connect(flip, drop);
        try (Tap st = e.sender().tap(); Tap rt = e.receiver().tap()) {
            CompletableFuture<YmodemReceiver.Received> rx = CompletableFuture.supplyAsync(() -> {
                try {
                    return new YmodemReceiver(YmodemLine.of(rt, e.receiver())).receive(10_000);
                } catch (Exception x) {
                    throw new IllegalStateException(x);
                }
            });
            YmodemSender sender = new YmodemSender(YmodemLine.of(st, e.sender())).blockTimeout(Duration.ofMillis(1500));
            if (out != null) {
                out[0] = sender;
            }
            YmodemSender.Result r = sender.send("f.bin", data, 0);
            assertEquals(data.length, r.bytes());
            if (flip > 0) {
                System.out.printf("ymodem.loopback.noisy %d bytes, %d retransmits, %d flipped, %d dropped, %d ms%n",
                        data.length, r.retransmits(), e.noisy().flipped(), e.noisy().dropped(), r.millis());
                assertTrue(r.retransmits() > 0);
            }
            return rx.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void everySizeArrivesIntact() throws Exception {
        for (int size : new int[] {0, 1, 127, 128, 129, 1023, 1024, 1025, 1100, 5000}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            YmodemReceiver.Received got = transfer(data, 0, 0, null);
            assertArrayEquals(data, got.data(), "size " + size);
            assertEquals("f.bin", got.name());
        }
    }

    @Test
    void noisyLineWithDropsStillDeliversTheFile() throws Exception {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        assertArrayEquals(data, transfer(data, 1e-3, 1e-4, null).data());
    }

    @Test
    void headerCarriesNameAndSize() {
        byte[] h = YmodemSender.header("bl2.img", 1234, 8);
        assertEquals("bl2.img\u00001234 10\u0000", new String(h, 0, 16, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(128, h.length);
        assertEquals(1024, YmodemSender.header("x".repeat(200), 1, 0).length);
        assertEquals(0x31c3, Crc16.of("123456789".getBytes(), 0, 9), "CRC-16/XMODEM check value");
    }

    @Test
    void noReceiverMeansAClearFailureAndCancelSendsCan() throws Exception {
        Ends e = connect(0, 0);
        try (Tap st = e.sender().tap(); Tap rt = e.receiver().tap()) {
            YmodemException x = assertThrows(YmodemException.class, () -> new YmodemSender(YmodemLine.of(st, e.sender()))
                    .startTimeout(Duration.ofMillis(300)).send("f", new byte[10], 0));
            assertFalse(x.cancelled());
            YmodemSender s = new YmodemSender(YmodemLine.of(st, e.sender()));
            s.cancel();
            YmodemException c = assertThrows(YmodemException.class, () -> s.send("f", new byte[10], 0));
            assertTrue(c.cancelled());
            assertEquals(0x18, rt.read(1000));
            assertEquals(0x18, rt.read(1000));
            // The receiver cancelling: CAN CAN ends the sender's wait.
            e.receiver().send(new byte[] {'C'});
            CompletableFuture<Void> cancelLater = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                    e.receiver().send(new byte[] {0x18, 0x18});
                } catch (Exception ignored) {
                    // test thread reports
                }
            });
            YmodemException r = assertThrows(YmodemException.class, () -> new YmodemSender(YmodemLine.of(st, e.sender()))
                    .send("f", new byte[10], 0));
            assertTrue(r.cancelled(), r.getMessage());
            cancelLater.get();
        }
    }
}
