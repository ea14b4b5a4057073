package r4rescue.sim.uboot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32;

import r4rescue.sim.Sparse;

/** md, mw, cmp, crc32 and loady: RAM inspection and serial download. */
final class MemCommands {

    private MemCommands() {
    }

    static void register(UBoot u) {
        u.register("md", new Cmd("memory display", "[.b, .w, .l, .q] address [# of objects]", MemCommands::md));
        u.register("mw", new Cmd("memory write (fill)", "[.b, .w, .l, .q] address value [count]", MemCommands::mw));
        u.register("cmp", new Cmd("memory compare", "[.b, .w, .l, .q] addr1 addr2 count", MemCommands::cmp));
        u.register("crc32", new Cmd("checksum calculation", "address count [addr]\n    - compute CRC32 checksum [save at addr]\ncrc32 -v address count crc\n    - verify crc of memory area", MemCommands::crc32));
        u.register("hash", new Cmd("compute hash message digest", "algorithm address count [[*]hash_dest]\n    - compute message digest [save to env var / *address]\nhash -v algorithm address count [*]hash\n    - verify message digest of memory area to immediate value, \n      env var or *address", MemCommands::hash));
        u.register("setexpr", new Cmd("set environment variable as the result of eval expression", "[.b, .w, .l, .q] name [*]value1 <op> [*]value2\n    - set environment variable 'name' to the result of the evaluated\n      expression specified by <op>.  <op> can be &, |, ^, +, -, *, /, %\nsetexpr[.b, .w, .l, .q] name [*]value\n    - load a value into a variable", MemCommands::setexpr));
        u.register("loady", new Cmd("load binary file over serial line (ymodem mode)", "[ off ] [ baud ]\n    - load binary file over serial line with offset 'off' and baudrate 'baud'", (b, a) -> new Ymodem(b).loady(a)));
    }

    private static int width(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return 4;
        }
        return switch (name.substring(dot + 1)) {
            case "b" -> 1;
            case "w" -> 2;
            case "q" -> 8;
            default -> 4;
        };
    }

    private static long get(byte[] d, int off, int w) {
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        return switch (w) {
            case 1 -> d[off] & 0xffL;
            case 2 -> b.getShort(off) & 0xffffL;
            case 8 -> b.getLong(off);
            default -> b.getInt(off) & 0xffffffffL;
        };
    }

    private static int md(UBoot u, List<String> a) {
        if (a.size() < 2) {
            return Command.USAGE;
        }
        int w = width(a.get(0));
        Long addr = Numbers.hex(a.get(1));
        Long count = a.size() > 2 ? Numbers.hex(a.get(2)) : Long.valueOf(0x40);
        if (addr == null || count == null) {
            return Command.USAGE;
        }
        byte[] d = u.ramRead(addr, (int) (count * w));
        int perLine = 16 / w;
        for (int i = 0; i < count; i += perLine) {
            StringBuilder line = new StringBuilder(String.format("%08x:", addr + (long) i * w));
            StringBuilder ascii = new StringBuilder();
            for (int j = i; j < Math.min(count, i + perLine); j++) {
                line.append(' ').append(String.format("%0" + (2 * w) + "x", get(d, j * w, w)));
                for (int k = 0; k < w; k++) {
                    int c = d[j * w + k] & 0xff;
                    ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                }
            }
            u.board.println(line + "    " + ascii);
        }
        return 0;
    }

    private static int mw(UBoot u, List<String> a) {
        if (a.size() < 3) {
            return Command.USAGE;
        }
        int w = width(a.get(0));
        Long addr = Numbers.hex(a.get(1));
        Long value = Numbers.hex(a.get(2));
        Long count = a.size() > 3 ? Numbers.hex(a.get(3)) : Long.valueOf(1);
        if (addr == null || value == null || count == null) {
            return Command.USAGE;
        }
        u.checkRam(addr, count * w);
        byte[] unit = new byte[w];
        ByteBuffer b = ByteBuffer.wrap(new byte[8]).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        b.get(0, unit);
        boolean uniform = true;
        for (byte x : unit) {
            uniform &= x == unit[0];
        }
        Sparse ram = u.ram();
        if (uniform) {
            ram.set(addr - UBoot.RAM_BASE, count * w, unit[0]);
        } else {
            for (long i = 0; i < count; i++) {
                ram.write(addr - UBoot.RAM_BASE + i * w, unit);
            }
        }
        return 0;
    }

    private static int cmp(UBoot u, List<String> a) {
        if (a.size() < 4) {
            return Command.USAGE;
        }
        int w = width(a.get(0));
        Long a1 = Numbers.hex(a.get(1));
        Long a2 = Numbers.hex(a.get(2));
        Long count = Numbers.hex(a.get(3));
        if (a1 == null || a2 == null || count == null) {
            return Command.USAGE;
        }
        String type = switch (w) {
            case 1 -> "byte";
            case 2 -> "halfword";
            case 8 -> "double word";
            default -> "word";
        };
        u.checkRam(a1, count * w);
        u.checkRam(a2, count * w);
        long good = 0;
        int step = Sparse.CHUNK;
        for (long off = 0; off < count * w; off += step) {
            int n = (int) Math.min(step, count * w - off);
            byte[] x = u.ramRead(a1 + off, n);
            byte[] y = u.ramRead(a2 + off, n);
            for (int i = 0; i < n; i += w) {
                long vx = get(x, i, w);
                long vy = get(y, i, w);
                if (vx != vy) {
                    u.board.println(String.format("%s at 0x%08x (%#0" + (2 * w + 2) + "x) != %s at 0x%08x (%#0" + (2 * w + 2) + "x)",
                            type, a1 + off + i, vx, type, a2 + off + i, vy));
                    u.board.println(String.format("Total of %d %s(s) were the same", good, type));
                    return 1;
                }
                good++;
            }
        }
        u.board.println(String.format("Total of %d %s(s) were the same", good, type));
        return 0;
    }

    /** CRC-32 of {@code len} bytes of RAM from {@code addr}. */
    static long crc(UBoot u, long addr, long len) {
        u.checkRam(addr, len);
        CRC32 crc = new CRC32();
        byte[] buf = new byte[Sparse.CHUNK];
        for (long off = 0; off < len; off += buf.length) {
            int n = (int) Math.min(buf.length, len - off);
            u.ram().read(addr - UBoot.RAM_BASE + off, buf, 0, n);
            crc.update(buf, 0, n);
        }
        return crc.getValue();
    }

    private static int hash(UBoot u, List<String> a) {
        boolean verify = a.size() > 1 && a.get(1).equals("-v");
        List<String> args = a.subList(verify ? 2 : 1, a.size());
        if (args.size() < (verify ? 4 : 3)) {
            return Command.USAGE;
        }
        String algo = args.get(0);
        String jca = switch (algo) {
            case "sha256" -> "SHA-256";
            case "sha1" -> "SHA-1";
            case "md5" -> "MD5";
            default -> null;
        };
        Long addr = Numbers.hex(args.get(1));
        Long len = Numbers.hex(args.get(2));
        if (addr == null || len == null) {
            return Command.USAGE;
        }
        String hex;
        if (algo.equals("crc32")) {
            hex = String.format("%08x", crc(u, addr, len));
        } else if (jca == null) {
            u.board.println("Unknown hash algorithm '" + algo + "'");
            return 1;
        } else {
            u.checkRam(addr, len);
            try {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance(jca);
                byte[] buf = new byte[Sparse.CHUNK];
                for (long off = 0; off < len; off += buf.length) {
                    int n = (int) Math.min(buf.length, len - off);
                    u.ram().read(addr - UBoot.RAM_BASE + off, buf, 0, n);
                    md.update(buf, 0, n);
                }
                hex = java.util.HexFormat.of().formatHex(md.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        String head = String.format("%s for %08x ... %08x ==> %s", algo, addr, addr + len - 1, hex);
        if (verify) {
            if (!hex.equalsIgnoreCase(args.get(3))) {
                u.board.println(head + " != " + args.get(3) + " ** ERROR **");
                return 1;
            }
            return 0;
        }
        u.board.println(head);
        if (args.size() > 3 && !args.get(3).startsWith("*")) {
            u.setenv(args.get(3), hex);
        }
        return 0;
    }

    private static int setexpr(UBoot u, List<String> a) {
        if (a.size() != 3 && a.size() != 5) {
            return Command.USAGE;
        }
        Long x = Numbers.hex(a.get(2));
        if (x == null) {
            return Command.USAGE;
        }
        long r = x;
        if (a.size() == 5) {
            Long y = Numbers.hex(a.get(4));
            if (y == null) {
                return Command.USAGE;
            }
            switch (a.get(3)) {
                case "+" -> r = x + y;
                case "-" -> r = x - y;
                case "*" -> r = x * y;
                case "/" -> r = y == 0 ? 0 : Long.divideUnsigned(x, y);
                case "%" -> r = y == 0 ? 0 : Long.remainderUnsigned(x, y);
                case "&" -> r = x & y;
                case "|" -> r = x | y;
                case "^" -> r = x ^ y;
                default -> {
                    return Command.USAGE;
                }
            }
        }
        u.setenv(a.get(1), Long.toHexString(r));
        return 0;
    }

    private static int crc32(UBoot u, List<String> a) {
        boolean verify = a.size() > 1 && a.get(1).equals("-v");
        List<String> args = a.subList(verify ? 2 : 1, a.size());
        if (args.size() < (verify ? 3 : 2)) {
            return Command.USAGE;
        }
        Long addr = Numbers.hex(args.get(0));
        Long len = Numbers.hex(args.get(1));
        if (addr == null || len == null) {
            return Command.USAGE;
        }
        long value = crc(u, addr, len);
        String head = String.format("crc32 for %08x ... %08x ==> %08x", addr, addr + len - 1, value);
        if (verify) {
            Long want = Numbers.hex(args.get(2));
            if (want == null || want != value) {
                u.board.println(head + " != " + args.get(2) + " ** ERROR **");
                return 1;
            }
            return 0;
        }
        u.board.println(head);
        if (args.size() > 2) {
            Long store = Numbers.hex(args.get(2));
            if (store != null) {
                u.ramWrite(store, ByteBuffer.allocate(4).putInt((int) value).array());
            }
        }
        return 0;
    }
}
