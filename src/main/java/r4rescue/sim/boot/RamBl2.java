package r4rescue.sim.boot;

import java.nio.charset.StandardCharsets;

import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.board.UartBootData;
import r4rescue.sim.StageTexts;
import r4rescue.sim.SimBoard;
import r4rescue.sim.uboot.UBoot;

/**
 * A RAM BL2 started by the Boot ROM's download mode: DRAM set-up, then TF-A's UART download
 * (uart_dl.c): handshake {@code mudl}/{@code TF-A}, commands version, set baud, load data
 * (checksummed packets), go; then it boots the FIP it received. A payload without the UART
 * download (no "Starting UART download handshake" in it) stops silently, as such a BL2 would.
 * BL31 sets the console back to 115200 baud, so U-Boot always speaks at that rate.
 */
final class RamBl2 {

    private static final long FIP_LOAD_ADDRESS = 0x40400000L;
    private static final int CONSOLE_BAUD = 115200;

    private final SimBoard board;
    private final byte[] image;
    private final DownloadPort port;
    private final UartBootData data;
    private boolean flipped;

    RamBl2(SimBoard board, byte[] image) {
        this.board = board;
        this.data = board.data().uartBoot();
        this.image = image;
        this.port = new DownloadPort(board);
    }

    void run() {
        board.event("bl2");
        if (!new String(image, StandardCharsets.ISO_8859_1).contains(data.ramBl2Marker())) {
            board.hang(); // not a BL2 with UART download: nothing this board can show
        }
        StageTexts t = board.text();
        String wdt = t.text("bl2", "wdtCold");
        for (String line : t.lines("bl2", "head")) {
            board.println(line.replace("{variant}", "mt7988-ram-comb").replace("{wdt}", wdt));
        }
        board.pause(300);
        for (String line : t.lines("bl2", board.state().ramGiB >= 8 ? "emi8" : "emi4")) {
            board.pause(120);
            board.println(line);
        }
        board.println("NOTICE:  " + data.bl2dlText("startLine") + " ...");
        board.event("bl2-uart-download");
        byte[] fip = download();
        board.println(String.format("NOTICE:  %s 0x%x @ 0x%08x ...", data.bl2dlText("doneLine"), fip.length, FIP_LOAD_ADDRESS));
        board.pause(50);
        port.setBaud(CONSOLE_BAUD);
        ImageInfo info = board.data().images().inspect(fip);
        if (info.kind() != ImageKind.FIP || !info.ok()) {
            board.println(t.text("bl2", "fipHeaderBad"));
            board.println(t.text("bl2", "loadFailed").replace("{id}", "3").replace("{err}", "-2"));
            board.event("bl2-failed");
            board.hang();
        }
        board.println(t.text("bl2", "booting"));
        board.event("bl31");
        for (String line : t.lines("bl31", "lines")) {
            board.println(line.replace("{variant}", "mt7988-ram-comb"));
        }
        board.pause(200);
        new UBoot(board, Medium.SNAND).run();
    }

    /** uart_dl.c's loop: handshake, then commands until "go"; a set-baud means handshake again. */
    private byte[] download() {
        byte[] fip = null;
        while (true) {
            handshake();
            boolean again = false;
            while (!again) {
                int c = port.rx(60_000);
                if (c < 0) {
                    continue;
                }
                if (c == data.bl2dl("cmd/version")) {
                    port.tx(c, data.bl2dl("version"));
                } else if (c == data.bl2dl("cmd/setBaud")) {
                    port.tx(c);
                    long baud = port.rxEcho(4);
                    if (baud > 0) {
                        port.setBaud((int) baud);
                    }
                    again = true;
                } else if (c == data.bl2dl("cmd/loadData")) {
                    port.tx(c);
                    fip = receive();
                } else if (c == data.bl2dl("cmd/go")) {
                    port.tx(c);
                    return fip == null ? new byte[0] : fip;
                } else {
                    port.tx(0xff);
                    board.hang(); // uart_dl.c stops on an unknown command
                }
            }
        }
    }

    private void handshake() {
        byte[] req = data.bl2dlText("request").getBytes(StandardCharsets.US_ASCII);
        byte[] resp = data.bl2dlText("response").getBytes(StandardCharsets.US_ASCII);
        int i = 0;
        while (i < req.length) {
            int r = port.rx(60_000);
            if (r < 0) {
                continue;
            }
            if (r == (req[i] & 0xff)) {
                port.tx(resp[i] & 0xff);
                i++;
            } else {
                i = 0;
            }
        }
    }

    private byte[] receive() {
        long size = port.rxEcho(4);
        if (size < 0) {
            return null;
        }
        byte[] fip = new byte[(int) size];
        int have = 0;
        int expected = 0;
        while (have < size) {
            long idx = port.rxEcho(4);
            long len = port.rxEcho(2);
            long sum = port.rxEcho(2);
            if (idx < 0 || len < 0 || sum < 0) {
                return null;
            }
            byte[] d = port.rxData((int) len);
            if (d == null) {
                return null;
            }
            if (!flipped && board.faults().flipFipPacket == idx && d.length > 0) {
                flipped = true;
                board.faults().flipFipPacket = -1;
                d[d.length / 2] ^= 0x01;
            }
            if (idx != expected) {
                port.tx32(expected);
                port.tx16(0);
                continue;
            }
            int real = foldedSum(d);
            port.tx32(expected);
            port.tx16(real);
            if (real != sum || have + d.length > size) {
                continue;
            }
            System.arraycopy(d, 0, fip, have, d.length);
            have += d.length;
            expected++;
        }
        return fip;
    }

    /**
     * uart_dl.c's packet sum: big-endian 16-bit words added and folded to 16 bits. Computed here, not
     * with the host's code, so that a mistake in the host's checksum cannot pass against the simulator.
     */
    private static int foldedSum(byte[] d) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.util.Arrays.copyOf(d, d.length + (d.length & 1)));
        long sum = 0;
        while (b.hasRemaining()) {
            sum += b.getShort() & 0xffff;
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
