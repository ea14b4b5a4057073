package r4rescue.sim.linux;

import java.util.List;
import java.util.Locale;

import r4rescue.sim.Faults;
import r4rescue.sim.state.FileEntry;

/**
 * BusyBox dd between files, stdin/stdout and the small block devices (MTD, eMMC partitions and boot
 * area), with the device faults of {@link Faults}: an open that fails, a write that fails part way.
 */
final class Dd implements Program {

    @Override
    public int run(LinuxSystem s, List<String> a, Io io) {
        String in = null;
        String out = null;
        long bs = 512;
        long count = -1;
        long skip = 0;
        long seek = 0;
        boolean notrunc = false;
        for (String x : a.subList(1, a.size())) {
            String[] kv = x.split("=", 2);
            if (kv.length < 2) {
                continue;
            }
            switch (kv[0]) {
                case "if" -> in = kv[1];
                case "of" -> out = kv[1];
                case "bs" -> bs = size(kv[1]);
                case "count" -> count = size(kv[1]);
                case "skip" -> skip = size(kv[1]);
                case "seek" -> seek = size(kv[1]);
                case "conv" -> notrunc = kv[1].contains("notrunc");
                default -> {
                }
            }
        }
        byte[] data;
        if (in == null) {
            data = io.stdin();
        } else if (in.equals("/dev/zero")) {
            data = new byte[(int) (count < 0 ? bs : count * bs)];
        } else if (s.abs(in).equals("/dev/nvme0n1") && s.blockDevice("/dev/nvme0n1") != null && count >= 0) {
            // the whole SSD is far too big to read whole: just the blocks asked for
            data = NvmeNames.read(s.state.nvme, skip * bs, (int) (count * bs));
            skip = 0;
        } else {
            data = FileCommands.read(s, in, io, "dd");
            if (data == null) {
                return 1;
            }
        }
        int from = (int) Math.min(data.length, skip * bs);
        int len = data.length - from;
        if (count >= 0) {
            len = (int) Math.min(len, count * bs);
        }
        byte[] chunk = java.util.Arrays.copyOfRange(data, from, from + len);
        if (out == null) {
            io.out.writeBytes(chunk);
        } else if (!out.equals("/dev/null")) {
            String abs = s.abs(out);
            if (abs.startsWith("/dev/")) {
                Faults f = s.board.faults();
                if (abs.equals(f.deviceOpenFails)) {
                    // xopen() dies before anything is read or written: no status lines
                    io.error("dd: can't open '" + out + "': No such device or address");
                    return 1;
                }
                int room = abs.equals(f.deviceWriteFails) ? (int) Math.min(len, Math.max(0, f.deviceWriteFailsAfter) / bs * bs) : len;
                String err = DiskCommands.writeDevice(s, out, abs, seek * bs, java.util.Arrays.copyOf(chunk, room));
                long done = 0;
                if (err == null && room < len) {
                    done = room;
                    err = "error writing '" + out + "': I/O error";
                }
                if (err != null) {
                    io.error("dd: " + err);
                    if (!err.startsWith("can't open")) {
                        // the block that failed was read; the ones before it went out
                        status(io, done / bs + 1, 0, done / bs, 0, done);
                    }
                    return 1;
                }
            } else {
                String err = toFile(s, abs, seek * bs, chunk, notrunc);
                if (err != null) {
                    io.error("dd: can't open '" + out + "': " + err);
                    return 1;
                }
            }
        }
        long full = len / bs;
        long part = len % bs == 0 ? 0 : 1;
        status(io, full, part, full, part, len);
        return 0;
    }

    /** BusyBox dd's closing report on stderr, printed after a write error too. */
    private static void status(Io io, long inFull, long inPart, long outFull, long outPart, long bytes) {
        io.error(inFull + "+" + inPart + " records in");
        io.error(outFull + "+" + outPart + " records out");
        io.error(String.format(Locale.ROOT, "%d bytes (%s) copied, 0.012345 seconds, %s/s", bytes, inBytes(bytes),
                inBytes(Math.max(1, bytes) * 80)));
    }

    /** 0B, 512B, 4KB: human() already ends in B below a KiB. */
    private static String inBytes(long n) {
        String h = DiskCommands.human(n);
        return h.endsWith("B") ? h : h + "B";
    }

    private static long size(String v) {
        char u = Character.toLowerCase(v.charAt(v.length() - 1));
        long mul = switch (u) {
            case 'k' -> 1024;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(mul == 1 ? v : v.substring(0, v.length() - 1)) * mul;
    }

    /** Writes into a regular file at {@code at}; dd truncates there unless conv=notrunc. */
    private static String toFile(LinuxSystem s, String abs, long at, byte[] chunk, boolean notrunc) {
        FileEntry old = s.lookup(abs);
        byte[] base = old == null || old.kind != 'f' ? new byte[0] : old.bytes();
        if (!notrunc) {
            base = java.util.Arrays.copyOf(base, (int) Math.min(base.length, at));
        }
        byte[] res = new byte[(int) Math.max(base.length, at + chunk.length)];
        System.arraycopy(base, 0, res, 0, base.length);
        System.arraycopy(chunk, 0, res, (int) at, chunk.length);
        return s.put(abs, FileEntry.file(res));
    }
}
