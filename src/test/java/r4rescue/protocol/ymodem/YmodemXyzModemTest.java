package r4rescue.protocol.ymodem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our sender against a model of U-Boot's receiver (common/xyzModem.c, as {@code loady} uses it),
 * its timings scaled down tenfold: a block is given up after {@link #T} of silence, and after a
 * timeout or a framing error everything is dropped until the line has been quiet for {@link #T},
 * then it asks with 'C' (never NAK in CRC mode). The header's ACK is sent only once it waits for
 * block 1, and no 'C' follows it.
 */
@Tag("unit")
class YmodemXyzModemTest {

    /** xyzModem_CHAR_TIMEOUT (2 s), scaled. */
    private static final long T = 200;
    /** The sender's block timeout, scaled from its 5 s default like T. */
    private static final Duration BLOCK_TIMEOUT = Duration.ofMillis(500);

    @Test
    void aBlockLostToAFramingErrorIsSentAgainWhileUBootListens() throws Exception {
        byte[] data = data(5000);
        XyzModem rx = new XyzModem(true);
        assertArrayEquals(data, send(rx, data, true));
    }

    @Test
    void blockOneGoesWithinUBootsFirstWaitAfterTheHeaderEvenByDefault() throws Exception {
        byte[] data = data(3000);
        XyzModem rx = new XyzModem(false);
        assertArrayEquals(data, send(rx, data, false));
        assertEquals(0, rx.retries, "U-Boot never had to ask again");
    }

    /** @param asLoady without waiting for a 'C' after the header, as {@code SerialLoad} sends to U-Boot */
    private static byte[] send(XyzModem rx, byte[] data, boolean asLoady) throws Exception {
        CompletableFuture<byte[]> got = CompletableFuture.supplyAsync(rx::receive);
        YmodemSender sender = new YmodemSender(rx.hostSide()).blockTimeout(BLOCK_TIMEOUT);
        if (asLoady) {
            sender.crcAfterHeader(Duration.ZERO);
        }
        sender.send("f.bin", data, 0);
        return got.get(10, TimeUnit.SECONDS);
    }

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        new Random(n).nextBytes(d);
        return d;
    }

    /** The receiver's side of the line, in xyzModem.c's structure (get_hdr, flush, stream_open/read). */
    private static final class XyzModem {
        private final LinkedBlockingQueue<Integer> toBoard = new LinkedBlockingQueue<>();
        private final LinkedBlockingQueue<Integer> toHost = new LinkedBlockingQueue<>();
        /** Damage the first copy of block 1: its block-number complement, so xyzModem flushes. */
        private boolean damageBlockOne;
        private final byte[] pkt = new byte[1024];
        private int blk;
        private int len;
        private boolean txAck;
        volatile int retries;

        XyzModem(boolean damageBlockOne) {
            this.damageBlockOne = damageBlockOne;
        }

        YmodemLine hostSide() {
            return new YmodemLine() {
                @Override
                public int read(long timeoutMs) {
                    Integer b = poll(toHost, timeoutMs);
                    return b == null ? -1 : b;
                }

                @Override
                public void write(byte[] d, int off, int n) {
                    boolean damage = damageBlockOne && n > 3 && d[off + 1] == 1;
                    for (int i = 0; i < n; i++) {
                        toBoard.add(damage && i == 2 ? d[off + i] & 0xff ^ 0x01 : d[off + i] & 0xff);
                    }
                    if (damage) {
                        damageBlockOne = false;
                    }
                }

                @Override
                public void purge() {
                    toHost.clear();
                }
            };
        }

        private static Integer poll(LinkedBlockingQueue<Integer> q, long ms) {
            try {
                return q.poll(ms, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private int getc() {
            Integer b = poll(toBoard, T);
            return b == null ? -1 : b;
        }

        private void putc(int b) {
            toHost.add(b);
        }

        private void flush() {
            while (getc() >= 0) {
                // xyzModem_flush: wait for the line to go idle
            }
        }

        private static void delay(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** 0 ok, 1 timeout, 2 framing, 3 crc, 4 EOT. */
        private int getHdr() {
            if (txAck) {
                putc(YmodemSender.ACK);
                txAck = false;
            }
            int c;
            int chars = 0;
            do {
                c = getc();
                if (c < 0) {
                    flush();
                    delay(T / 8);
                    return 1;
                }
                chars++;
                if (c == YmodemSender.EOT && chars == 1) {
                    putc(YmodemSender.ACK);
                    return 4;
                }
            } while (c != YmodemSender.SOH && c != YmodemSender.STX);
            blk = getc();
            int cblk = getc();
            len = c == YmodemSender.SOH ? 128 : 1024;
            for (int i = 0; i < len; i++) {
                int d = getc();
                if (d < 0) {
                    return 1;
                }
                pkt[i] = (byte) d;
            }
            int crc1 = getc();
            int crc2 = getc();
            if (blk < 0 || cblk < 0 || crc1 < 0 || crc2 < 0) {
                return 1;
            }
            if ((blk ^ cblk) != 0xff) {
                flush();
                return 2;
            }
            return Crc16.of(pkt, 0, len) == (crc1 << 8 | crc2) ? 0 : 3;
        }

        byte[] receive() {
            putc(YmodemSender.CRC_REQUEST);
            long size = -1;
            for (int r = 0; r < 20 && size < 0; r++) {
                if (getHdr() == 0 && blk == 0) {
                    String meta = new String(pkt, 0, len, StandardCharsets.ISO_8859_1).split("\0")[1];
                    size = Long.parseLong(meta.split(" ")[0]);
                    txAck = true;
                } else {
                    delay(T / 4);
                    putc(YmodemSender.CRC_REQUEST);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int next = 1;
            while (true) {
                int st = -1;
                for (int r = 0; r < 20; r++) {
                    st = getHdr();
                    if (st == 0 && blk == next) {
                        txAck = true;
                        next = (next + 1) & 0xff;
                        out.write(pkt, 0, (int) Math.min(len, size - out.size()));
                        break;
                    }
                    if (st == 0 && blk == ((next - 1) & 0xff)) {
                        putc(YmodemSender.ACK);
                        continue;
                    }
                    if (st == 4) {
                        putc(YmodemSender.ACK);
                        putc(YmodemSender.CRC_REQUEST);
                        getHdr();
                        putc(YmodemSender.ACK);
                        return out.toByteArray();
                    }
                    putc(YmodemSender.CRC_REQUEST);
                    retries++;
                }
                if (st != 0) {
                    throw new IllegalStateException("xyzModem gave up a block (status " + st + ")");
                }
            }
        }
    }
}
