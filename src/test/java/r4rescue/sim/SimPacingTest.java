package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.link.Link;
import r4rescue.link.LinkListener;
import r4rescue.link.Links;

/** {@code sim:NAME@paced} really runs at the baud rate: 10 bits per byte. */
@Tag("sim")
class SimPacingTest {

    @Test
    void pacedLinkRunsAt115200() throws Exception {
        Link link = Links.create("sim:healthy-nand@paced", 115200);
        assertTrue(link instanceof SimLink);
        ((SimLink) link).board().setTimeScale(0);
        AtomicLong bytes = new AtomicLong();
        StringBuilder text = new StringBuilder();
        link.open(new LinkListener() {
            @Override
            public void onBytes(byte[] data, int offset, int length) {
                bytes.addAndGet(length);
                synchronized (text) {
                    if (text.length() < 100_000) {
                        text.append(new String(data, offset, length, StandardCharsets.ISO_8859_1));
                    }
                    text.notifyAll();
                }
            }
        });
        try {
            link.write(new byte[] {3});
            synchronized (text) {
                long end = System.currentTimeMillis() + 20_000;
                while (text.indexOf("MT7988> ") < 0 && System.currentTimeMillis() < end) {
                    text.wait(200);
                }
            }
            link.write("md.b 40000000 100000\r".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(500);
            long b0 = bytes.get();
            long t0 = System.nanoTime();
            Thread.sleep(3000);
            long b1 = bytes.get();
            long t1 = System.nanoTime();
            double rate = (b1 - b0) / ((t1 - t0) / 1e9);
            System.out.printf("sim.paced.rate %.1f bytes/s (%.2f %% of 11520)%n", rate, rate / 115.2);
            assertTrue(Math.abs(rate - 11520) < 11520 * 0.02, "paced rate " + rate + " bytes/s");
        } finally {
            link.close();
        }
    }
}
