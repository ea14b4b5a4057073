package r4rescue.protocol.ymodem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Sends one file with YMODEM batch to a receiver such as U-Boot's {@code loady} or lrzsz {@code rb}:
 * header block 0 (name, size, mtime), 1K blocks with CRC-16, 128-byte blocks for a short tail or
 * while the line is noisy, the EOT handshake and the empty header that ends the batch. Every block
 * is sent again on NAK or silence, up to a bounded number of times; CAN CAN ends it from either side.
 */
public final class YmodemSender {

    static final int SOH = 0x01;
    static final int STX = 0x02;
    static final int EOT = 0x04;
    static final int ACK = 0x06;
    static final int NAK = 0x15;
    static final int CAN = 0x18;
    static final int CRC_REQUEST = 'C';
    static final byte PAD = 0x1a;
    private static final int POLL_MS = 100;
    /** After this many failures of one 1K block, the next {@link #SMALL_SPAN} bytes go in 128-byte blocks. */
    private static final int FAILS_BEFORE_SMALL = 2;
    private static final int SMALL_SPAN = 4096;
    private static final int END_ATTEMPTS = 2;
    /** Half of U-Boot's xyzModem_CHAR_TIMEOUT (2 s): how long block 1 waits for a 'C' at most by default. */
    private static final long CRC_AFTER_HEADER_MS = 1_000;

    private final YmodemLine line;
    private long startTimeoutMs = 60_000;
    private long blockTimeoutMs = 5_000;
    private long crcAfterHeaderMs = -1;
    private int maxRetries = 10;
    private Consumer<YmodemProgress> progress = p -> { };
    private volatile boolean cancelRequested;

    private long started;
    private int retransmits;

    public YmodemSender(YmodemLine line) {
        this.line = line;
    }

    /** How long to wait for the receiver's first 'C' (default 60 s). */
    public YmodemSender startTimeout(Duration d) {
        startTimeoutMs = d.toMillis();
        return this;
    }

    /** How long to wait for the answer to one block before sending it again (default 5 s). */
    public YmodemSender blockTimeout(Duration d) {
        blockTimeoutMs = d.toMillis();
        return this;
    }

    /**
     * How long block 1 waits for the receiver's 'C' after the header's ACK (default: a fifth of the
     * block timeout, at most 1 s). U-Boot's loady sends none: it ACKs the header once it waits for
     * block 1, and drops the line for 2 s if that does not come within 2 s; give it zero.
     */
    public YmodemSender crcAfterHeader(Duration d) {
        crcAfterHeaderMs = d.toMillis();
        return this;
    }

    /** How many times one block may fail before the transfer is given up (default 10). */
    public YmodemSender maxRetries(int n) {
        maxRetries = n;
        return this;
    }

    /** Called after every acknowledged block, on the sending thread. */
    public YmodemSender onProgress(Consumer<YmodemProgress> listener) {
        progress = listener;
        return this;
    }

    /** Asks a running {@link #send} to stop: it sends CAN CAN and throws a cancelled {@link YmodemException}. */
    public void cancel() {
        cancelRequested = true;
    }

    /** Result of a finished transfer. */
    public record Result(long bytes, long millis, int retransmits) {
        public double bytesPerSecond() {
            return millis == 0 ? 0 : bytes * 1000.0 / millis;
        }
    }

    /** Sends {@code data} as file {@code name}; returns once the receiver acknowledged everything. */
    public Result send(String name, byte[] data, long mtimeEpochSeconds) throws IOException {
        retransmits = 0;
        awaitCrcRequest(startTimeoutMs, true, "the receiver never asked for the file (no 'C')");
        started = System.nanoTime();
        byte[] header = header(name, data.length, mtimeEpochSeconds);
        sendBlock(0, header, 0, header.length, header.length > 128 ? 1024 : 128, "header");
        // lrzsz rb asks again with 'C' and drops what came before it; U-Boot's loady does not ask.
        if (crcAfterHeaderMs != 0) {
            awaitCrcRequest(crcAfterHeaderMs > 0 ? crcAfterHeaderMs : Math.min(CRC_AFTER_HEADER_MS, blockTimeoutMs / 5), false, null);
        }

        int blockNo = 1;
        int off = 0;
        int smallUntil = 0;
        while (off < data.length) {
            int remaining = data.length - off;
            int size = remaining <= 128 || off < smallUntil ? 128 : 1024;
            byte[] frame = frame(blockNo, data, off, Math.min(size, remaining), size);
            for (int fails = 0; !sendFrame(frame); ) {
                fails++;
                if (fails >= maxRetries) {
                    throw new YmodemException("The receiver refused block " + blockNo + " " + maxRetries
                            + " times (noisy line or wrong receiver)", false);
                }
                if (size == 1024 && fails >= FAILS_BEFORE_SMALL) {
                    // The line is noisy: this block number now carries only 128 bytes, and so do the next few.
                    size = 128;
                    smallUntil = off + SMALL_SPAN;
                    frame = frame(blockNo, data, off, Math.min(size, remaining), size);
                }
            }
            off += Math.min(size, remaining);
            blockNo++;
            report(off, data.length);
        }
        finish();
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Result(data.length, millis, retransmits);
    }

    private void finish() throws IOException {
        // EOT: receivers answer NAK to the first one and ACK to the second; some ACK at once.
        for (int attempt = 0; ; attempt++) {
            checkCancel();
            line.purge();
            line.write(new byte[] {EOT}, 0, 1);
            int r = awaitAnswer(blockTimeoutMs);
            if (r == ACK) {
                break;
            }
            if (attempt >= maxRetries) {
                throw new YmodemException("The receiver did not acknowledge the end of the file (EOT)", false);
            }
            if (r != NAK) {
                retransmits++;
            }
        }
        // End of batch: an empty header block, once the receiver asks for the next file.
        // The file is complete once EOT is ACKed; a receiver that exits at once may lose its last
        // ACK (lrzsz rb over a pty does), so a missing one is not an error.
        if (awaitCrcRequest(Math.min(blockTimeoutMs, 3_000), false, null)) {
            byte[] end = frame(0, new byte[128], 0, 128, 128);
            for (int i = 0; i < END_ATTEMPTS; i++) {
                line.purge();
                line.write(end, 0, end.length);
                if (awaitAnswer(Math.min(blockTimeoutMs, 1_500)) == ACK) {
                    break;
                }
            }
        }
    }

    /** Sends one block until it is ACKed, or throws after {@code maxRetries} failures. */
    private void sendBlock(int no, byte[] src, int off, int len, int size, String what) throws IOException {
        byte[] frame = frame(no, src, off, len, size);
        for (int fails = 1; !sendFrame(frame); fails++) {
            if (fails >= maxRetries) {
                throw new YmodemException("The receiver refused the " + what + " " + maxRetries
                        + " times (noisy line or wrong receiver)", false);
            }
        }
    }

    /** Sends a frame once; true if ACKed. */
    private boolean sendFrame(byte[] frame) throws IOException {
        checkCancel();
        line.purge();
        line.write(frame, 0, frame.length);
        if (awaitAnswer(blockTimeoutMs) == ACK) {
            return true;
        }
        retransmits++;
        return false;
    }

    static byte[] frame(int no, byte[] src, int off, int len, int size) {
        byte[] frame = new byte[3 + size + 2];
        frame[0] = (byte) (size == 1024 ? STX : SOH);
        frame[1] = (byte) no;
        frame[2] = (byte) ~no;
        System.arraycopy(src, off, frame, 3, len);
        java.util.Arrays.fill(frame, 3 + len, 3 + size, PAD);
        int crc = Crc16.of(frame, 3, size);
        frame[3 + size] = (byte) (crc >>> 8);
        frame[4 + size] = (byte) crc;
        return frame;
    }

    /**
     * ACK, NAK, 'C' or -1 on timeout; CAN CAN from the receiver ends the transfer. Other bytes are
     * noise. A 'C' asks for the block again, as a NAK does: U-Boot's xyzModem.c never sends NAK in
     * CRC mode, and lrzsz rb drops what came before its 'C'. Waiting out the timeout instead lands
     * each resend in U-Boot's next 2 s flush ("refused block 1 10 times").
     */
    private int awaitAnswer(long timeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        boolean sawCan = false;
        while (System.currentTimeMillis() < deadline) {
            checkCancel();
            int b = line.read(POLL_MS);
            if (b < 0) {
                continue;
            }
            if (b == CAN) {
                if (sawCan) {
                    throw new YmodemException("The receiver cancelled the transfer (CAN CAN)", true);
                }
                sawCan = true;
                continue;
            }
            sawCan = false;
            if (b == ACK || b == NAK || b == CRC_REQUEST) {
                return b;
            }
        }
        return -1;
    }

    /** Waits for 'C'; returns false on timeout, or throws {@code failure} if one is given. */
    private boolean awaitCrcRequest(long timeoutMs, boolean required, String failure) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        boolean sawCan = false;
        while (System.currentTimeMillis() < deadline) {
            checkCancel();
            int b = line.read(POLL_MS);
            if (b == CRC_REQUEST) {
                return true;
            }
            if (b == CAN && sawCan) {
                throw new YmodemException("The receiver cancelled the transfer (CAN CAN)", true);
            }
            sawCan = b == CAN;
        }
        if (required) {
            throw new YmodemException(failure, false);
        }
        return false;
    }

    private void checkCancel() throws IOException {
        if (cancelRequested) {
            byte[] cancel = {CAN, CAN, CAN, CAN, CAN, 8, 8, 8, 8, 8};
            line.write(cancel, 0, cancel.length);
            throw new YmodemException("Transfer cancelled", true);
        }
    }

    private void report(long bytes, long total) {
        long elapsed = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        double rate = bytes * 1000.0 / elapsed;
        double left = rate > 0 ? (total - bytes) / rate : Double.POSITIVE_INFINITY;
        progress.accept(new YmodemProgress(bytes, total, elapsed, rate, left, retransmits));
    }

    /** Block 0: "name\0size mtime-octal\0", zero padded to 128 bytes (1024 if the name is long). */
    static byte[] header(String name, long size, long mtime) {
        String meta = mtime > 0 ? size + " " + Long.toOctalString(mtime) : Long.toString(size);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] m = meta.getBytes(StandardCharsets.US_ASCII);
        int needed = n.length + 1 + m.length + 1;
        if (needed > 1024) {
            throw new IllegalArgumentException("File name too long for YMODEM: " + name);
        }
        byte[] h = new byte[needed > 128 ? 1024 : 128];
        System.arraycopy(n, 0, h, 0, n.length);
        System.arraycopy(m, 0, h, n.length + 1, m.length);
        return h;
    }
}
