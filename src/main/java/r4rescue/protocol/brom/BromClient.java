package r4rescue.protocol.brom;

import java.io.IOException;
import java.util.function.Consumer;

import r4rescue.board.UartBootData;

/**
 * The host side of the MT7988 Boot ROM's UART download protocol: the handshake, then commands
 * whose every byte the Boot ROM echoes, big-endian integers, and a 16-bit status after each
 * (0 = OK). Facts from {@code uartboot.json}; written in Java because the only tool, mtk_uartboot,
 * is a Rust program that exits when done and explains nothing.
 */
public final class BromClient {

    /** Bytes done of total, while a payload goes out. */
    public interface Progress {
        void sent(long done, long total);
    }

    private static final int CHUNK = 1024;

    private final SerialLine line;
    private final UartBootData data;

    /** @param data the board's serial recovery facts ({@code BoardProfile.uartBoot()}) */
    public BromClient(SerialLine line, UartBootData data) {
        this.line = line;
        this.data = data;
    }

    /**
     * Sends the handshake byte by byte, re-sending the current byte every few ms until the Boot ROM
     * answers it with its complement, so the user may power-cycle the board at any moment. Gives up
     * after {@code timeoutMs} with the failure the bytes seen point to.
     *
     * @param status gets the figures about four times a second, and once when done
     * @param cancelled polled between tries
     */
    public void handshake(long timeoutMs, Consumer<HandshakeStatus> status, java.util.function.BooleanSupplier cancelled)
            throws IOException {
        byte[] hs = data.bromHandshake();
        long readMs = data.brom("handshakeReadMs");
        long deadline = System.currentTimeMillis() + timeoutMs;
        long nextReport = 0;
        long sent = 0;
        long echoes = 0;
        long text = 0;
        long noise = 0;
        int i = 0;
        while (i < hs.length) {
            long now = System.currentTimeMillis();
            if (now >= nextReport) {
                status.accept(new HandshakeStatus(sent, i, echoes, text, noise));
                nextReport = now + 250;
            }
            if (cancelled.getAsBoolean()) {
                throw new java.io.InterruptedIOException("cancelled");
            }
            if (now > deadline) {
                HandshakeStatus last = new HandshakeStatus(sent, i, echoes, text, noise);
                throw new UartBootException(last.verdict(), String.format("%,d tries in %d s", sent, timeoutMs / 1000));
            }
            line.write(new byte[] {hs[i]});
            sent++;
            // Other bytes before the answer are skipped, not taken as a failed try: the Boot ROM answers
            // every handshake byte it finds in its FIFO, also those sent before it started listening,
            // and takes an A0 as a new start. Resetting on such a stale answer could lose the answer
            // to the last byte, and with it a Boot ROM already in download mode.
            long tryEnd = System.currentTimeMillis() + readMs;
            boolean other = false;
            int r;
            while ((r = line.read(Math.max(1, tryEnd - System.currentTimeMillis()))) >= 0 && r != (~hs[i] & 0xff)) {
                other = true;
                if (r == (hs[i] & 0xff)) {
                    echoes++;
                } else if (r == '\r' || r == '\n' || (r >= 0x20 && r < 0x7f)) {
                    text++;
                } else {
                    noise++;
                }
                if (System.currentTimeMillis() >= tryEnd) {
                    r = -1;
                    break;
                }
            }
            if (r >= 0) {
                i++;
            } else if (other) {
                i = 0;
                line.purge(); // no answer, only other bytes: start again, without their rest
            }
        }
        status.accept(new HandshakeStatus(sent, hs.length, echoes, text, noise));
        Wire.pause(data.brom("settleMs"));
        line.purge();
    }

    /** GET_HW_CODE: the SoC's hardware code. */
    public int hwCode() throws IOException {
        echo(cmd("getHwCode"));
        int code = read16();
        status("GET_HW_CODE");
        return code;
    }

    /** GET_HW_DICT: hardware sub-code, hardware version, software version. */
    public int[] hwDict() throws IOException {
        echo(cmd("getHwDict"));
        int[] r = {read16(), read16(), read16()};
        status("GET_HW_DICT");
        return r;
    }

    /** GET_TARGET_CONFIG; refuses with {@link UartFailure#SECURE_BOOT} when secure boot, SLA or DAA is on. */
    public long targetConfig() throws IOException {
        echo(cmd("getTargetConfig"));
        long cfg = read32();
        status("GET_TARGET_CONFIG");
        StringBuilder on = new StringBuilder();
        if ((cfg & data.brom("targetConfigBits/secureBoot")) != 0) {
            on.append("secure boot");
        }
        if ((cfg & data.brom("targetConfigBits/sla")) != 0) {
            on.append(on.length() > 0 ? ", " : "").append("serial link authorisation");
        }
        if ((cfg & data.brom("targetConfigBits/daa")) != 0) {
            on.append(on.length() > 0 ? ", " : "").append("download agent authorisation");
        }
        if (on.length() > 0) {
            throw new UartBootException(UartFailure.SECURE_BOOT, on + String.format(" on; target config 0x%08x", cfg));
        }
        return cfg;
    }

    /**
     * SET_BAUDRATE, then both ends switch and a GET_HW_CODE must come back at the new rate.
     *
     * @return false if the Boot ROM refused the rate (it stays at the old one)
     * @throws UartBootException {@link UartFailure#FAST_RATE_FAILED} if nothing came back at the new
     *         rate: the Boot ROM stays there, so only a power cycle brings it back
     */
    public boolean setBaudrate(int baud) throws IOException {
        echo(cmd("setBaudrate"));
        echo(Wire.be32(baud));
        int st = read16();
        if (st == data.brom("statusBaudTooHigh")) {
            return false;
        }
        if (st != 0) {
            throw new UartBootException(UartFailure.PROTOCOL, String.format("SET_BAUDRATE status 0x%04x", st));
        }
        int old = line.baud();
        line.setBaud(baud);
        Wire.pause(20);
        line.purge();
        try {
            hwCode();
        } catch (UartBootException e) {
            line.setBaud(old);
            throw new UartBootException(UartFailure.FAST_RATE_FAILED, "no answer at " + baud + " baud");
        }
        return true;
    }

    /**
     * SEND_DA: the payload to {@code addr}; the Boot ROM's checksum must equal ours.
     *
     * @return the checksum both sides computed
     */
    public int sendDa(long addr, byte[] payload, Progress progress) throws IOException {
        echo(cmd("sendDa"));
        echo(Wire.be32(addr));
        echo(Wire.be32(payload.length));
        echo(Wire.be32(0));
        int st = read16();
        if (st != 0) {
            throw refused(st, "before the data");
        }
        for (int off = 0; off < payload.length; off += CHUNK) {
            int n = Math.min(CHUNK, payload.length - off);
            byte[] c = new byte[n];
            System.arraycopy(payload, off, c, 0, n);
            line.write(c);
            progress.sent(off + n, payload.length);
        }
        int boardSum = read16(Wire.lineMs(line, payload.length, 3000));
        int ours = BromChecksum.of(payload);
        int st2 = read16();
        if (boardSum != ours) {
            throw new UartBootException(UartFailure.DAMAGED,
                    String.format("Boot ROM checksum 0x%04x, ours 0x%04x", boardSum, ours));
        }
        if (st2 != 0) {
            throw refused(st2, "after the data");
        }
        return ours;
    }

    /** JUMP_DA64: start the payload at {@code addr} in AArch64. */
    public void jumpDa64(long addr) throws IOException {
        echo(cmd("jumpDa64"));
        echo(Wire.be32(addr));
        echo(new byte[] {1});
        status("JUMP_DA64");
        echo(new byte[] {(byte) data.brom("jumpDa64Magic")});
        status("JUMP_DA64 magic");
    }

    private UartBootException refused(int st, String when) {
        return new UartBootException(UartFailure.BL2_REFUSED, String.format("SEND_DA status %d (0x%04x) %s", st, st, when));
    }

    private byte[] cmd(String name) {
        return new byte[] {(byte) data.brom("cmd/" + name)};
    }

    private void status(String what) throws IOException {
        int st = read16();
        if (st != 0) {
            throw new UartBootException(UartFailure.PROTOCOL, String.format("%s status 0x%04x", what, st));
        }
    }

    private void echo(byte[] out) throws IOException {
        Wire.echo(line, out, data.brom("commandTimeoutMs"), "The Boot ROM");
    }

    private int read16() throws IOException {
        return read16(data.brom("commandTimeoutMs"));
    }

    private int read16(long timeoutMs) throws IOException {
        return (int) Wire.readBe(line, 2, timeoutMs, "The Boot ROM");
    }

    private long read32() throws IOException {
        return Wire.readBe(line, 4, data.brom("commandTimeoutMs"), "The Boot ROM");
    }
}
