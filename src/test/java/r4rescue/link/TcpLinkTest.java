package r4rescue.link;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TcpLinkTest {

    /** A one-connection echo server on 127.0.0.1, like ser2net in raw mode with a loopback plug. */
    private static ServerSocket echoServer() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                in.transferTo(out);
            } catch (Exception e) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void echoesRawBytesBothWays() throws Exception {
        try (ServerSocket server = echoServer()) {
            byte[] data = new byte[200_000];
            new Random(7).nextBytes(data);
            Recorder got = new Recorder();
            try (Link link = Links.create("tcp:127.0.0.1:" + server.getLocalPort(), 115200)) {
                assertInstanceOf(TcpLink.class, link);
                link.open(got);
                assertTrue(link.isOpen());
                link.write(data);
                assertTrue(Recorder.await(() -> got.size() >= data.length, 10_000));
                assertArrayEquals(data, got.bytes());
                link.setBaud(921600);
                assertEquals(921600, link.baud());
                link.sendBreak(10);
            }
            assertTrue(got.saw(LinkState.OPEN));
            assertTrue(got.saw(LinkState.CLOSED));
        }
    }

    @Test
    void serverClosingIsADisconnectAndWritesFailFast() throws Exception {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                s.getOutputStream().write("bye".getBytes());
            } catch (Exception e) {
                // test fails on the assertions below
            }
        });
        t.start();
        Recorder got = new Recorder();
        try (server; TcpLink link = new TcpLink("tcp:127.0.0.1:" + server.getLocalPort(), 115200)) {
            link.open(got);
            assertTrue(Recorder.await(() -> got.saw(LinkState.DISCONNECTED), 5000), got.states.toString());
            assertArrayEquals("bye".getBytes(), got.bytes());
            LinkException e = assertThrows(LinkException.class, () -> link.write(new byte[] {1}));
            assertEquals(LinkException.Reason.DISCONNECTED, e.reason());
        }
    }

    @Test
    void refusedConnectionAndBadSpecsAreExplained() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        LinkException refused = assertThrows(LinkException.class,
                () -> new TcpLink("tcp:127.0.0.1:" + freePort, 115200).open(new Recorder()));
        assertEquals(LinkException.Reason.NOT_FOUND, refused.reason());
        assertTrue(refused.getMessage().contains("127.0.0.1:" + freePort), refused.getMessage());
        assertTrue(refused.fix().contains("ser2net"));

        LinkException bad = assertThrows(LinkException.class, () -> Links.create("tcp:host-without-port", 115200));
        assertTrue(bad.fix().contains("tcp:HOST:PORT"));
        assertThrows(LinkException.class, () -> new TcpLink("tcp:host:99999", 115200));
    }

    @Test
    void ipv6LiteralInBrackets() throws Exception {
        TcpLink l = new TcpLink("tcp:[::1]:2000", 115200);
        assertEquals("tcp:[::1]:2000", l.describe());
    }
}
