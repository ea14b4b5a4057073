package r4rescue.sim.uboot;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * U-Boot's {@code loady}: a YMODEM receiver (CRC-16, 128- and 1024-byte blocks, batch header with
 * name and size, EOT handshake, empty end-of-batch header, CAN CAN abort) with cmd/load.c's
 * messages, the optional baud-rate switch, and {@code filesize} set in hex. Like common/xyzModem.c
 * it asks with 'C' only to start and to have a block again (never NAK in CRC mode), and sends no
 * 'C' after the header's ACK: it waits for block 1 at once. Unlike it, a damaged block is dropped
 * after 50 ms of quiet instead of 2 s, which keeps the noisy-line tests short.
 */
final class Ymodem {

    private static final int SOH = 0x01;
    private static final int STX = 0x02;
    private static final int EOT = 0x04;
    private static final int ACK = 0x06;
    private static final int NAK = 0x15;
    private static final int CAN = 0x18;
    private static final int C = 'C';

    private final UBoot u;
    private int soh;
    private int stx;
    private int can;
    private int retries;

    Ymodem(UBoot u) {
        this.u = u;
    }

    int loady(List<String> a) {
        String addrText = a.size() > 1 ? a.get(1) : u.getenv("loadaddr");
        Long addr = Numbers.hex(addrText == null ? "0x50000000" : addrText);
        if (addr == null) {
            return Command.USAGE;
        }
        int current = u.board.uart().baud();
        int baud = current;
        if (a.size() > 2) {
            try {
                baud = Integer.parseInt(a.get(2));
            } catch (NumberFormatException e) {
                return Command.USAGE;
            }
        }
        if (baud != current) {
            u.board.println("## Switch baudrate to " + baud + " bps and press ENTER ...");
            u.board.pause(50);
            u.board.uart().setBaud(baud);
            waitFor('\r');
        }
        u.board.println(String.format("## Ready for binary (ymodem) download to 0x%08X at %d bps...", addr, baud));
        u.board.event("loady");
        long[] size = new long[1];
        String error = receive(addr, size);
        int rc;
        if (error != null) {
            u.board.println(error);
            rc = 1;
        } else {
            u.board.println(String.format("xyzModem - CRC mode, %d(SOH)/%d(STX)/%d(CAN) packets, %d retries", soh, stx, can, retries));
            long told = size[0] + u.board.faults().flashLoadyTotalSizeOff;
            u.board.println(String.format("## Total Size      = 0x%08x = %d Bytes", told, told));
            if (u.board.faults().flashRamCorruptAfterLoady) {
                byte[] b = u.ram().read(addr - UBoot.RAM_BASE, 1);
                b[0] ^= 0x10;
                u.ram().write(addr - UBoot.RAM_BASE, b);
            }
            u.setenv("filesize", Long.toHexString(size[0]));
            rc = 0;
        }
        if (baud != current) {
            u.board.println("## Switch baudrate to " + current + " bps and press ESC ...");
            u.board.pause(50);
            u.board.uart().setBaud(current);
            waitFor(0x1b);
        }
        return rc;
    }

    private void waitFor(int key) {
        while (u.board.read(60_000) != key) {
            // U-Boot loops on getchar() until it sees the key
        }
    }

    private void send(int b) {
        u.board.write(new byte[] {(byte) b});
    }

    private int in(long ms) {
        return u.board.read(ms);
    }

    /** Receives one file to RAM at {@code addr}; returns null on success, else xyzModem's error text. */
    private String receive(long addr, long[] size) {
        boolean header = true;
        boolean done = false;
        int expected = 1;
        long declared = -1;
        long got = 0;
        int eots = 0;
        int silent = 0;
        send(C);
        byte[] data = new byte[1024];
        while (!done) {
            int c = in(header && got == 0 ? 1000 : 2000);
            if (c < 0) {
                if (++silent > (header && got == 0 && eots == 0 ? 60 : 10)) {
                    cancel();
                    return "Timed out";
                }
                retries++;
                send(C);
                continue;
            }
            silent = 0;
            if (c == CAN) {
                if (in(1000) == CAN) {
                    can++;
                    return "Cancelled";
                }
                continue;
            }
            if (c == EOT) {
                if (++eots == 1) {
                    send(NAK);
                } else {
                    send(ACK);
                    header = true;
                    send(C);
                }
                continue;
            }
            if (c != SOH && c != STX) {
                continue; // line noise between packets
            }
            int len = c == SOH ? 128 : 1024;
            int blk = in(1000);
            int nblk = in(1000);
            boolean ok = blk >= 0 && nblk >= 0 && ((blk ^ nblk) & 0xff) == 0xff;
            for (int i = 0; i < len && ok; i++) {
                int d = in(1000);
                if (d < 0) {
                    ok = false;
                } else {
                    data[i] = (byte) d;
                }
            }
            int hi = ok ? in(1000) : -1;
            int lo = ok ? in(1000) : -1;
            if (!ok || hi < 0 || lo < 0 || crc16(data, len) != ((hi << 8) | lo)) {
                retries++;
                drain();
                send(C);
                continue;
            }
            if (c == SOH) {
                soh++;
            } else {
                stx++;
            }
            if (header && blk == 0) {
                send(ACK);
                if (data[0] == 0 || eots > 0) {
                    done = true; // empty header: end of batch
                    break;
                }
                declared = parseSize(data, len);
                header = false;
                continue;
            }
            if (blk == ((expected - 1) & 0xff)) {
                send(ACK); // a repeat of the block we already have
                continue;
            }
            if (blk != (expected & 0xff)) {
                cancel();
                return "Block sequence error";
            }
            int n = len;
            if (declared >= 0) {
                n = (int) Math.max(0, Math.min(len, declared - got));
            }
            if (n > 0) {
                u.ramWrite(addr + got, data, 0, n);
            }
            got += n;
            expected++;
            send(ACK);
        }
        size[0] = got;
        return null;
    }

    private void drain() {
        while (in(50) >= 0) {
            // purge the rest of a damaged packet before asking again
        }
    }

    private void cancel() {
        u.board.write(new byte[] {CAN, CAN, CAN});
    }

    private static long parseSize(byte[] d, int len) {
        int i = 0;
        while (i < len && d[i] != 0) {
            i++;
        }
        int start = ++i;
        while (i < len && d[i] >= '0' && d[i] <= '9') {
            i++;
        }
        if (i == start) {
            return -1;
        }
        return Long.parseLong(new String(d, start, i - start, StandardCharsets.US_ASCII));
    }

    static int crc16(byte[] d, int len) {
        int crc = 0;
        for (int i = 0; i < len; i++) {
            crc ^= (d[i] & 0xff) << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
