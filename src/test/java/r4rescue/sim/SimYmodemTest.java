package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file sent with lrzsz's sb through the TCP server and a socat pty lands in the board's RAM intact. */
@Tag("qemu")
class SimYmodemTest {

    private static boolean has(String tool) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A TCP console client that collects output. */
    private static final class Client implements AutoCloseable {
        final Socket s;
        final StringBuilder out = new StringBuilder();
        final Thread reader;

        Client(int port) throws IOException {
            s = new Socket("127.0.0.1", port);
            InputStream in = s.getInputStream();
            reader = new Thread(() -> {
                byte[] b = new byte[4096];
                int n;
                try {
                    while ((n = in.read(b)) > 0) {
                        synchronized (out) {
                            out.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
                            out.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void send(String t) throws IOException {
            OutputStream o = s.getOutputStream();
            o.write(t.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
        }

        String await(String regex) throws InterruptedException {
            Pattern p = Pattern.compile(regex);
            long end = System.currentTimeMillis() + 15_000;
            synchronized (out) {
                while (true) {
                    Matcher m = p.matcher(out);
                    if (m.find()) {
                        String r = m.group();
                        out.delete(0, m.end());
                        return r;
                    }
                    long left = end - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new AssertionError("no /" + regex + "/ in:\n" + out);
                    }
                    out.wait(left);
                }
            }
        }

        /** Ctrl-C every 100 ms until U-Boot's prompt shows, as a user (or our driver) does: one early key can be lost. */
        void breakIn() throws IOException, InterruptedException {
            Pattern prompt = Pattern.compile("MT7988> ");
            long end = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < end) {
                send("\u0003");
                synchronized (out) {
                    out.wait(100);
                    Matcher m = prompt.matcher(out);
                    if (m.find()) {
                        out.delete(0, m.end());
                        return;
                    }
                }
            }
            throw new AssertionError("no U-Boot prompt in:\n" + out);
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    @Test
    void lrzszYmodemThroughTcpAndPty(@TempDir Path dir) throws Exception {
        assumeTrue(has("socat") && has("sb"), "socat and lrzsz (sb) needed");
        byte[] data = new byte[300_001];
        new Random(11).nextBytes(data);
        Path file = dir.resolve("payload.bin");
        Files.write(file, data);
        CRC32 crc = new CRC32();
        crc.update(data);

        SimBoard board = new SimBoard(ScenarioBuilder.load("healthy-nand"));
        try (SimServer server = new SimServer(board, "127.0.0.1", 0).start()) {
            try (Client c = new Client(server.port())) {
                c.breakIn();
                c.send("loady\r");
                c.await("## Ready for binary \\(ymodem\\) download to 0x50000000 at 115200 bps\\.\\.\\.");
            }
            Path pty = dir.resolve("tty");
            Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + pty, "tcp:127.0.0.1:" + server.port())
                    .redirectErrorStream(true).start();
            try {
                for (int i = 0; i < 100 && !Files.exists(pty); i++) {
                    Thread.sleep(50);
                }
                Process sb = new ProcessBuilder("sh", "-c", "sb --ymodem -k '" + file + "' < '" + pty + "' > '" + pty + "'")
                        .redirectErrorStream(true).start();
                assertTrue(sb.waitFor(60, TimeUnit.SECONDS), "sb finished");
                String sbOut = new String(sb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, sb.exitValue(), sbOut);
            } finally {
                socat.destroy();
                socat.waitFor(5, TimeUnit.SECONDS);
            }
            try (Client c = new Client(server.port())) {
                c.send("\r");
                c.await("MT7988> ");
                c.send("printenv filesize; crc32 $loadaddr $filesize\r");
                assertEquals("filesize=493e1", c.await("filesize=[0-9a-f]+"));
                String line = c.await("crc32 for [^\r]+");
                assertEquals(String.format("crc32 for 50000000 ... 500493e0 ==> %08x", crc.getValue()), line);
            }
        }
    }
}
