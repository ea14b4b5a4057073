package r4rescue.protocol.ymodem;

import static r4rescue.protocol.ymodem.YmodemSender.ACK;
import static r4rescue.protocol.ymodem.YmodemSender.CAN;
import static r4rescue.protocol.ymodem.YmodemSender.EOT;
import static r4rescue.protocol.ymodem.YmodemSender.NAK;
import static r4rescue.protocol.ymodem.YmodemSender.SOH;
import static r4rescue.protocol.ymodem.YmodemSender.STX;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A plain YMODEM (CRC mode) receiver of one file, as a stand-in for U-Boot's {@code loady} in
 * benchmarks and tests. It asks with 'C', NAKs bad blocks, ACKs duplicates, and returns the file.
 */
public final class YmodemReceiver {

    private static final int CHAR_TIMEOUT_MS = 250;
    private static final int MAX_ERRORS = 20;

    private final YmodemLine line;

    public YmodemReceiver(YmodemLine line) {
        this.line = line;
    }

    public record Received(String name, byte[] data) {
    }

    public Received receive(long startTimeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + startTimeoutMs;
        byte[] header = null;
        while (header == null) {
            if (System.currentTimeMillis() > deadline) {
                throw new YmodemException("No YMODEM header arrived", false);
            }
            line.write(new byte[] {'C'}, 0, 1);
            header = readBlock(0);
        }
        String[] fields = headerFields(header);
        String name = fields[0];
        long size = Long.parseLong(fields[1].split(" ")[0]);
        ack();
        line.write(new byte[] {'C'}, 0, 1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int expected = 1;
        int errors = 0;
        boolean firstEot = true;
        while (true) {
            int b = line.read(10_000);
            if (b == EOT) {
                if (firstEot) {
                    firstEot = false;
                    line.write(new byte[] {NAK}, 0, 1);
                    continue;
                }
                ack();
                break;
            }
            byte[] block = b == SOH || b == STX ? readBody(b == STX ? 1024 : 128) : null;
            if (block == null) {
                if (++errors > MAX_ERRORS) {
                    line.write(new byte[] {CAN, CAN}, 0, 2);
                    throw new YmodemException("Block " + expected + " arrived bad " + MAX_ERRORS + " times", false);
                }
                quiet();
                line.write(new byte[] {NAK}, 0, 1);
                continue;
            }
            errors = 0;
            int no = block[0] & 0xff;
            if (no == (expected & 0xff)) {
                out.write(block, 1, block.length - 1);
                expected++;
            }
            // A repeat of the previous block (our ACK was lost) is acknowledged again.
            ack();
        }
        // End of batch: ask for the next header and accept the empty one.
        for (int i = 0; i < 10; i++) {
            line.write(new byte[] {'C'}, 0, 1);
            byte[] end = readBlock(0);
            if (end != null) {
                ack();
                break;
            }
        }
        byte[] all = out.toByteArray();
        if (all.length < size) {
            throw new YmodemException("File ended after " + all.length + " of " + size + " bytes", false);
        }
        return new Received(name, java.util.Arrays.copyOf(all, (int) size));
    }

    private static String[] headerFields(byte[] h) {
        int z = 1;
        while (z < h.length && h[z] != 0) {
            z++;
        }
        int e = z + 1;
        while (e < h.length && h[e] != 0) {
            e++;
        }
        return new String[] {new String(h, 1, z - 1, StandardCharsets.UTF_8),
                new String(h, z + 1, e - z - 1, StandardCharsets.US_ASCII)};
    }

    private void ack() throws IOException {
        line.write(new byte[] {ACK}, 0, 1);
    }

    /** A block numbered {@code no}, or null if none came or it was bad. Result: number then payload. */
    private byte[] readBlock(int no) throws IOException {
        int b = line.read(CHAR_TIMEOUT_MS);
        if (b != SOH && b != STX) {
            return null;
        }
        byte[] block = readBody(b == STX ? 1024 : 128);
        return block != null && (block[0] & 0xff) == no ? block : null;
    }

    private byte[] readBody(int size) throws IOException {
        byte[] raw = new byte[size + 4];
        for (int i = 0; i < raw.length; i++) {
            int b = line.read(CHAR_TIMEOUT_MS);
            if (b < 0) {
                return null;
            }
            raw[i] = (byte) b;
        }
        if ((raw[0] & 0xff) != (~raw[1] & 0xff)) {
            return null;
        }
        int crc = ((raw[size + 2] & 0xff) << 8) | (raw[size + 3] & 0xff);
        if (Crc16.of(raw, 2, size) != crc) {
            return null;
        }
        byte[] block = new byte[size + 1];
        block[0] = raw[0];
        System.arraycopy(raw, 2, block, 1, size);
        return block;
    }

    /** Lets the rest of a bad block pass before answering. */
    private void quiet() throws IOException {
        while (line.read(100) >= 0) {
            // discard
        }
    }
}
