package r4rescue.protocol.bl2dl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import r4rescue.board.UartBootData;
import r4rescue.protocol.brom.BromClient;
import r4rescue.protocol.brom.SerialLine;
import r4rescue.protocol.brom.UartBootException;
import r4rescue.protocol.brom.UartFailure;
import r4rescue.protocol.brom.Wire;

/**
 * The host side of TF-A BL2's UART download (a RAM BL2 built with RAM_BOOT_UART_DL): wait for its
 * "Starting UART download handshake" line, handshake {@code mudl}/{@code TF-A}, optionally switch
 * the rate, send the FIP in checksummed packets (128 bytes, doubling to 32 KiB, then growing by
 * 1 KiB), "go", and wait for "Received FIP". Every command byte is echoed by BL2.
 */
public final class Bl2Download {

    /** How many times one packet is sent before the line is declared too bad. */
    private static final int PACKET_TRIES = 8;

    private final SerialLine line;
    private final UartBootData data;
    private final Consumer<String> lines;

    /** {@code lines} gets every console line the board prints while this waits for one. */
    public Bl2Download(SerialLine line, Consumer<String> lines, UartBootData data) {
        this.line = line;
        this.data = data;
        this.lines = lines;
    }

    /** Waits for BL2's offer of the FIP download; BL2 printing something else and stopping is {@link UartFailure#BL2_FAILED}. */
    public void awaitOffer(long timeoutMs) throws IOException {
        awaitLine(data.bl2dlText("startLine"), timeoutMs, UartFailure.BL2_FAILED);
    }

    /** Waits for BL2's "Received FIP" after {@link #go}. */
    public String awaitReceived(long timeoutMs) throws IOException {
        return awaitLine(data.bl2dlText("doneLine"), timeoutMs, UartFailure.PROTOCOL);
    }

    /** {@code mudl}, answered {@code TF-A} byte by byte. */
    public void handshake(long timeoutMs) throws IOException {
        byte[] req = data.bl2dlText("request").getBytes(StandardCharsets.US_ASCII);
        byte[] resp = data.bl2dlText("response").getBytes(StandardCharsets.US_ASCII);
        long deadline = System.currentTimeMillis() + timeoutMs;
        int i = 0;
        while (i < req.length) {
            if (System.currentTimeMillis() > deadline) {
                throw new UartBootException(UartFailure.NO_ANSWER, "BL2 did not answer its handshake at " + line.baud() + " baud");
            }
            line.write(new byte[] {req[i]});
            int r = line.read(100);
            if (r == (resp[i] & 0xff)) {
                i++;
            }
        }
        Wire.pause(data.brom("settleMs"));
        line.purge();
    }

    /** The download protocol's version (0x10 in TF-A's uart_dl.c). */
    public int version() throws IOException {
        echo(new byte[] {(byte) data.bl2dl("cmd/version")});
        return readBe(1, 500);
    }

    /**
     * Switches both ends to {@code baud} and shakes hands again there. No handshake at the new
     * rate is {@link UartFailure#FAST_RATE_FAILED}: BL2 stays at that rate, so only a power cycle helps.
     */
    public void setBaud(int baud) throws IOException {
        echo(new byte[] {(byte) data.bl2dl("cmd/setBaud")});
        echo(Wire.be32(baud));
        int old = line.baud();
        line.setBaud(baud);
        try {
            handshake(2000);
        } catch (UartBootException e) {
            line.setBaud(old);
            throw new UartBootException(UartFailure.FAST_RATE_FAILED, "BL2 did not answer at " + baud + " baud");
        }
    }

    /**
     * Sends the FIP. A packet whose checksum BL2 computes differently is sent again.
     *
     * @param resent told the index of each packet sent again
     */
    public void sendFip(byte[] fip, BromClient.Progress progress, Consumer<Integer> resent) throws IOException {
        echo(new byte[] {(byte) data.bl2dl("cmd/loadData")});
        echo(Wire.be32(fip.length));
        int size = data.bl2dl("firstPacket");
        int idx = 0;
        int off = 0;
        while (off < fip.length) {
            int n = Math.min(size, fip.length - off);
            int tries = 0;
            while (!sendPacket(idx, fip, off, n)) {
                if (++tries >= PACKET_TRIES) {
                    throw new UartBootException(UartFailure.DAMAGED, "packet " + idx + " failed " + tries + " times");
                }
                resent.accept(idx);
            }
            off += n;
            idx++;
            progress.sent(off, fip.length);
            if (size < data.bl2dl("doublingUpTo")) {
                size *= 2;
            } else if (size < data.bl2dl("packetLimit")) {
                size += data.bl2dl("growStep");
            }
        }
    }

    /** Tells BL2 to go on and boot the FIP it holds. */
    public void go() throws IOException {
        echo(new byte[] {(byte) data.bl2dl("cmd/go")});
    }

    private boolean sendPacket(int idx, byte[] fip, int off, int n) throws IOException {
        int sum = FipChecksum.of(fip, off, n);
        echo(Wire.be32(idx));
        echo(Wire.be16(n));
        echo(Wire.be16(sum));
        byte[] d = new byte[n];
        System.arraycopy(fip, off, d, 0, n);
        line.write(d);
        int expected = readBe(4, Wire.lineMs(line, n, 2000));
        int boardSum = readBe(2, 500);
        if (expected != idx) {
            throw new UartBootException(UartFailure.PROTOCOL, "BL2 expects packet " + expected + ", we sent " + idx);
        }
        return boardSum == sum;
    }

    private String awaitLine(String wanted, long timeoutMs, UartFailure otherwise) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        StringBuilder cur = new StringBuilder();
        String last = null;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            int r = left <= 0 ? -1 : line.read(left);
            if (r < 0) {
                if (cur.length() > 0) {
                    last = cur.toString();
                }
                throw new UartBootException(last == null ? UartFailure.NO_ANSWER : otherwise,
                        last == null ? "BL2 printed nothing" : "its last line: " + last.strip());
            }
            if (r == '\n') {
                String l = cur.toString().replace("\r", "");
                cur.setLength(0);
                if (!l.isBlank()) {
                    lines.accept(l);
                    last = l;
                }
                if (l.contains(wanted)) {
                    return l;
                }
            } else {
                cur.append((char) r);
            }
        }
    }

    private void echo(byte[] out) throws IOException {
        Wire.echo(line, out, 1000, "BL2");
    }

    private int readBe(int n, long timeoutMs) throws IOException {
        return (int) Wire.readBe(line, n, timeoutMs, "BL2");
    }
}
