package r4rescue.sim.linux;

import java.util.List;
import java.util.Locale;

import r4rescue.sim.state.FileEntry;

/** BusyBox dd between files, stdin/stdout and the small block devices (MTD, eMMC partitions). */
final class Dd implements ShellCommand {

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
                String err = DiskCommands.writeDevice(s, out, abs, seek * bs, chunk);
                if (err != null) {
                    io.error("dd: " + err);
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
        io.error(full + "+" + part + " records in");
        io.error(full + "+" + part + " records out");
        io.error(String.format(Locale.ROOT, "%d bytes (%s) copied, 0.012345 seconds, %s/s", len, DiskCommands.human(len) + "B",
                DiskCommands.human(Math.max(1, len) * 80) + "B"));
        return 0;
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
