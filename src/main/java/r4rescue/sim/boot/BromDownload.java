package r4rescue.sim.boot;

import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.UartBootData;
import r4rescue.sim.SimBoard;

/**
 * The Boot ROM's UART download mode: right after power-on, before it reads the boot medium, it
 * listens for the handshake {@code A0 0A 50 05} (answering each byte with its complement) for a
 * short window. Once the handshake is complete it serves the download commands byte-exactly
 * (echoes, big-endian integers, 16-bit status) until a JUMP_DA64 starts the payload.
 */
final class BromDownload {

    /** The window at time scale 1; its real length is unconfirmed. */
    private static final long WINDOW_MS = 150;
    private static final int MAX_BAUD = 921600;

    private final SimBoard board;
    private final DownloadPort port;
    private final UartBootData data;
    private byte[] payload;

    BromDownload(SimBoard board) {
        this.board = board;
        this.data = board.data().uartBoot();
        this.port = new DownloadPort(board);
    }

    /** Listens for the handshake; false if none came (the normal boot goes on). Never returns once a payload was started. */
    boolean listen() {
        byte[] hs = data.bromHandshake();
        long window = Math.max(board.bromWindowFloorMs(), (long) (WINDOW_MS * board.timeScale()));
        long end = System.currentTimeMillis() + window;
        int i = 0;
        while (i < hs.length) {
            long left = i == 0 ? end - System.currentTimeMillis() : 1000;
            if (left <= 0) {
                return false;
            }
            if (i == 0 && port.peek(left) != (hs[0] & 0xff)) {
                return false; // silence or another key: the Boot ROM goes on to the boot medium, the key stays for later
            }
            int r = port.rx(left);
            if (r < 0) {
                i = 0; // the host went quiet mid-handshake: start again while the window lasts
                continue;
            }
            if (r == (hs[i] & 0xff)) {
                port.tx(~r & 0xff);
                i++;
            } else if (r == (hs[0] & 0xff)) {
                port.tx(~r & 0xff);
                i = 1;
            } else {
                i = 0;
            }
        }
        board.event("brom-download");
        serve();
        return true;
    }

    private void serve() {
        while (true) {
            int c = port.rx(60_000);
            if (c < 0) {
                continue;
            }
            if (c == cmd("getHwCode")) {
                port.tx(c);
                port.tx16(data.brom("hwCodeSimulated"));
                port.tx16(0);
            } else if (c == cmd("getHwDict")) {
                port.tx(c);
                port.tx16(0x8a00);
                port.tx16(0xca00);
                port.tx16(0x0000);
                port.tx16(0);
            } else if (c == cmd("getTargetConfig")) {
                port.tx(c);
                port.tx32(board.state().secureBoot ? data.brom("targetConfigBits/secureBoot") : 0);
                port.tx16(0);
            } else if (c == cmd("setBaudrate")) {
                port.tx(c);
                long baud = port.rxEcho(4);
                if (baud > 0 && baud <= MAX_BAUD) {
                    port.tx16(0);
                    port.setBaud((int) baud);
                } else if (baud > 0) {
                    port.tx16(data.brom("statusBaudTooHigh"));
                }
            } else if (c == cmd("sendDa")) {
                port.tx(c);
                receive();
            } else if (c == cmd("jumpDa64")) {
                port.tx(c);
                long addr = port.rxEcho(4);
                long mode = port.rxEcho(1);
                port.tx16(mode == 1 ? 0 : 0x1d0f);
                long magic = port.rxEcho(1);
                boolean go = magic == data.brom("jumpDa64Magic") && payload != null && addr == data.brom("daLoadAddress");
                port.tx16(go ? 0 : 0x1d0f);
                if (go) {
                    new RamBl2(board, payload).run();
                }
            }
            // other commands: the real Boot ROM's answer is unknown; this one ignores them
        }
    }

    private void receive() {
        long addr = port.rxEcho(4);
        long len = port.rxEcho(4);
        long sig = port.rxEcho(4);
        if (addr < 0 || len < 0 || sig < 0) {
            return;
        }
        int refused = data.brom("statusRefusedSeen");
        if (board.state().secureBoot || len + sig > data.ramBl2MaxBytes() || len == 0) {
            port.tx16(refused);
            return;
        }
        port.tx16(0);
        byte[] d = port.rxData((int) (len + sig));
        if (d == null) {
            return;
        }
        long flip = board.faults().flipDaByte;
        if (flip >= 0 && flip < d.length) {
            board.faults().flipDaByte = -1;
            d[(int) flip] ^= 0x10;
        }
        port.tx16(xorOfWords(d));
        // The header check: a flash BL2 (with its Boot ROM header) is not code the ROM can jump into.
        ImageInfo info = board.data().images().inspect(d);
        boolean flashImage = info.kind() == ImageKind.BL2 || info.kind() == ImageKind.FIP || info.kind() == ImageKind.FIT
                || info.compressed() || info.kind() == ImageKind.SDCARD_IMAGE;
        port.tx16(flashImage ? refused : 0);
        payload = flashImage ? null : d;
    }

    private int cmd(String name) {
        return data.brom("cmd/" + name);
    }

    /**
     * The Boot ROM's own sum: XOR of little-endian 16-bit words. Computed here, not with the host's
     * code, so that a mistake in the host's checksum cannot pass against the simulator.
     */
    private static int xorOfWords(byte[] d) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.util.Arrays.copyOf(d, d.length + (d.length & 1)))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int x = 0;
        while (b.hasRemaining()) {
            x ^= b.getShort() & 0xffff;
        }
        return x;
    }
}
