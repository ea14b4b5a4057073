package r4rescue.link;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jSerialComm over a socat pty pair. */
@Tag("qemu")
class SerialLinkPtyTest {

    @TempDir
    Path dir;

    /**
     * Echoes everything B receives back to A, writing on a thread of its own: socat is single
     * threaded, so a reader that blocks in its own echo write would stall both directions.
     */
    private static SerialLink echo(String path) throws IOException {
        SerialLink b = new SerialLink(path, 115200);
        LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        b.open((data, offset, length) -> queue.add(Arrays.copyOfRange(data, offset, offset + length)));
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    b.write(queue.take());
                }
            } catch (IOException | InterruptedException e) {
                // far end closed
            }
        }, "echo " + path);
        t.setDaemon(true);
        t.start();
        return b;
    }

    @Test
    void oneMebibyteRoundTripArrivesIntactAndInOrder() throws Exception {
        try (SocatPair pair = new SocatPair(dir)) {
            byte[] data = new byte[1 << 20];
            new Random(42).nextBytes(data);
            Recorder got = new Recorder();
            try (Link a = Links.create(pair.resolvedA(), 115200); SerialLink b = echo(pair.resolvedB())) {
                a.open(got);
                long t0 = System.nanoTime();
                for (int off = 0; off < data.length; off += 4096) {
                    a.write(data, off, 4096);
                }
                assertTrue(Recorder.await(() -> got.size() >= data.length, 60_000), "only " + got.size() + " bytes came back");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("pty_roundtrip_1MiB " + ms + " ms");
                assertArrayEquals(data, got.bytes());
            }
        }
    }

    @Test
    void killingTheFarEndReportsDisconnectedAndNothingHangs() throws Exception {
        try (SocatPair pair = new SocatPair(dir)) {
            Recorder got = new Recorder();
            SerialLink a = new SerialLink(pair.resolvedA(), 115200);
            a.open(got);
            try (SerialLink b = echo(pair.resolvedB())) {
                Thread writer = new Thread(() -> {
                    byte[] chunk = new byte[1024];
                    try {
                        while (true) {
                            a.write(chunk);
                        }
                    } catch (IOException expected) {
                        // the cable was pulled
                    }
                });
                writer.start();
                assertTrue(Recorder.await(() -> got.size() > 10_000, 10_000));
                pair.kill();
                assertTrue(Recorder.await(() -> got.saw(LinkState.DISCONNECTED), 3000), got.states.toString());
                writer.join(5000);
                assertFalse(writer.isAlive(), "a write hung after the unplug");
                long t0 = System.nanoTime();
                LinkException e = assertThrows(LinkException.class, () -> a.write(new byte[] {1}));
                assertEquals(LinkException.Reason.DISCONNECTED, e.reason());
                assertTrue(System.nanoTime() - t0 < 100_000_000L, "write while disconnected must fail fast");
                assertFalse(a.isOpen());
            } finally {
                a.close();
            }
            assertTrue(got.saw(LinkState.CLOSED));
        }
    }

    @Test
    void reconnectingLinkComesBackWhenTheSameLinkNameReappears() throws Exception {
        try (SocatPair pair = new SocatPair(dir)) {
            Recorder got = new Recorder();
            ReconnectingLink a = new ReconnectingLink(pair.a.toString(), 115200, 100, SerialPorts::list);
            a.open(got);
            assertEquals(pair.a.toAbsolutePath().toString(), a.identity().stablePath());
            SerialLink b = echo(pair.resolvedB());
            a.write("one".getBytes());
            assertTrue(Recorder.await(() -> got.size() == 3, 5000));
            b.close();
            pair.kill();
            assertTrue(Recorder.await(() -> got.saw(LinkState.RECONNECTING), 3000), got.states.toString());
            String down = got.states.stream().filter(s -> s.startsWith("DISCONNECTED")).findFirst().orElseThrow();
            assertTrue(down.matches("DISCONNECTED Adapter disconnected at \\d\\d:\\d\\d:\\d\\d .*"), down);
            long t0 = System.nanoTime();
            LinkException e = assertThrows(LinkException.class, () -> a.write(new byte[] {1}));
            assertEquals(LinkException.Reason.DISCONNECTED, e.reason());
            assertTrue(System.nanoTime() - t0 < 100_000_000L);
            assertTrue(a.isOpen());
            assertFalse(a.isConnected());

            pair.start();
            assertTrue(Recorder.await(a::isConnected, 5000), got.states.toString());
            assertTrue(got.states.get(got.states.size() - 1).startsWith("OPEN Reconnected to"), got.states.toString());
            try (SerialLink b2 = echo(pair.resolvedB())) {
                a.write("two".getBytes());
                assertTrue(Recorder.await(() -> got.size() == 6, 5000), "got " + got.size());
                assertArrayEquals("onetwo".getBytes(), Arrays.copyOf(got.bytes(), 6));
            } finally {
                a.close();
            }
            assertTrue(got.states.get(got.states.size() - 1).startsWith("CLOSED"));
        }
    }

    @Test
    void aProtocolReadingTheConsoleIsToldOfTheUnplugInsteadOfWaiting() throws Exception {
        try (SocatPair pair = new SocatPair(dir);
             r4rescue.console.Console console = new r4rescue.console.Console(Links.create(pair.a.toString(), 115200));
             r4rescue.console.Tap tap = console.tap()) {
            console.open();
            pair.kill();
            long t0 = System.nanoTime();
            LinkException e = assertThrows(LinkException.class, () -> tap.read(30_000));
            assertEquals(LinkException.Reason.DISCONNECTED, e.reason());
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "the read waited for its whole timeout");
        }
    }

    @Test
    void missingDeviceIsNotFound() {
        LinkException e = assertThrows(LinkException.class,
                () -> Links.create(dir.resolve("ttyUSB-nope").toString(), 115200).open(new Recorder()));
        assertEquals(LinkException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("ttyUSB-nope"), e.getMessage());
        assertNotNull(e.fix());
    }

    @Test
    void secondOpenOfTheSamePortIsBusy() throws Exception {
        try (SocatPair pair = new SocatPair(dir); SerialLink a = new SerialLink(pair.resolvedA(), 115200)) {
            a.open(new Recorder());
            LinkException e = assertThrows(LinkException.class, () -> new SerialLink(pair.a.toString(), 115200).open(new Recorder()));
            assertEquals(LinkException.Reason.BUSY, e.reason());
        }
    }
}
