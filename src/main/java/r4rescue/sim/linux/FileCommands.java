package r4rescue.sim.linux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import r4rescue.sim.state.FileEntry;

/** File and text programs: cat, ls, mkdir, rm, touch, echo, printf, cd, pwd, wc, grep, head, find, du, sha256sum, base64... */
final class FileCommands {

    private FileCommands() {
    }

    static void register(Map<String, Program> m) {
        m.put("cat", FileCommands::cat);
        m.put("ls", FileCommands::ls);
        m.put("mkdir", FileCommands::mkdir);
        m.put("rm", FileCommands::rm);
        m.put("touch", FileCommands::touch);
        m.put("echo", FileCommands::echo);
        m.put("printf", FileCommands::printf);
        m.put("cd", (s, a, io) -> {
            String d = s.abs(a.size() > 1 ? a.get(1) : "/root");
            FileEntry e = s.lookup(d);
            if (e == null || e.kind != 'd') {
                io.error("-ash: cd: can't cd to " + a.get(1) + ": " + (e == null ? "No such file or directory" : "Not a directory"));
                return 2;
            }
            s.cwd = d;
            return 0;
        });
        m.put("pwd", (s, a, io) -> {
            io.println(s.cwd);
            return 0;
        });
        m.put("true", (s, a, io) -> 0);
        m.put("false", (s, a, io) -> 1);
        m.put("sync", (s, a, io) -> 0);
        m.put("sleep", (s, a, io) -> {
            s.board.pause((long) (Double.parseDouble(a.size() > 1 ? a.get(1) : "0") * 1000));
            return 0;
        });
        m.put("uname", (s, a, io) -> {
            io.println(a.contains("-a") ? "Linux OpenWrt " + s.kernelRelease + " #0 SMP Sun Apr 13 16:38:32 2025 aarch64 GNU/Linux"
                    : a.contains("-r") ? s.kernelRelease : "Linux");
            return 0;
        });
        m.put("wc", FileCommands::wc);
        m.put("grep", FileCommands::grep);
        m.put("head", FileCommands::head);
        m.put("tail", FileCommands::tail);
        m.put("cp", (s, a, io) -> copyOrMove(s, a, io, false));
        m.put("mv", (s, a, io) -> copyOrMove(s, a, io, true));
        m.put("find", FileCommands::find);
        m.put("du", FileCommands::du);
        m.put("sha256sum", FileCommands::sha256sum);
        m.put("base64", FileCommands::base64);
        m.put("md5sum", (s, a, io) -> digest(s, a, io, "MD5", "md5sum"));
        m.put("hexdump", FileCommands::hexdump);
        m.put("cmp", FileCommands::cmp);
    }

    /** BusyBox cmp [-s] FILE1 FILE2 ("-" is stdin): 0 when equal, 1 and where they differ, 2 on trouble. */
    private static int cmp(LinuxSystem s, List<String> a, Io io) {
        boolean silent = a.contains("-s");
        List<String> files = a.subList(1, a.size()).stream().filter(x -> !x.equals("-s")).toList();
        if (files.size() != 2) {
            io.error("Usage: cmp [-ls] FILE1 [FILE2]");
            return 2;
        }
        byte[][] d = new byte[2][];
        for (int i = 0; i < 2; i++) {
            d[i] = files.get(i).equals("-") ? io.stdin() : read(s, files.get(i), io, "cmp");
            if (d[i] == null) {
                return 2;
            }
        }
        int line = 1;
        for (int i = 0; i < Math.min(d[0].length, d[1].length); i++) {
            if (d[0][i] != d[1][i]) {
                if (!silent) {
                    io.println(files.get(0) + " " + files.get(1) + " differ: char " + (i + 1) + ", line " + line);
                }
                return 1;
            }
            line += d[0][i] == '\n' ? 1 : 0;
        }
        if (d[0].length != d[1].length) {
            if (!silent) {
                io.error("cmp: EOF on " + files.get(d[0].length < d[1].length ? 0 : 1));
            }
            return 1;
        }
        return 0;
    }

    /** The bytes of a file or device path, or null with the error already reported. */
    static byte[] read(LinuxSystem s, String path, Io io, String prog) {
        String abs = s.abs(path);
        byte[] dev = DiskCommands.readDevice(s, abs);
        if (dev != null) {
            s.board.faults().readBack(dev);
            return dev;
        }
        FileEntry e = s.lookup(abs);
        if (e == null) {
            io.error(prog + ": can't open '" + path + "': No such file or directory");
            return null;
        }
        if (e.kind == 'd') {
            io.error(prog + ": read error: Is a directory");
            return null;
        }
        byte[] v = s.virtualFile(abs);
        return v != null ? v : e.bytes();
    }

    private static int cat(LinuxSystem s, List<String> a, Io io) {
        if (a.size() == 1) {
            io.out.writeBytes(io.stdin());
            return 0;
        }
        int rc = 0;
        for (String f : a.subList(1, a.size())) {
            if (f.equals("-")) {
                io.out.writeBytes(io.stdin());
                continue;
            }
            byte[] d = read(s, f, io, "cat");
            if (d == null) {
                rc = 1;
            } else {
                io.out.writeBytes(d);
            }
        }
        return rc;
    }

    private static int ls(LinuxSystem s, List<String> a, Io io) {
        boolean lng = false;
        boolean all = false;
        boolean one = !io.tty;
        List<String> paths = new ArrayList<>();
        for (String x : a.subList(1, a.size())) {
            if (x.startsWith("-") && x.length() > 1) {
                lng |= x.contains("l");
                all |= x.contains("a");
                one |= x.contains("1");
            } else {
                paths.add(x);
            }
        }
        if (paths.isEmpty()) {
            paths.add(".");
        }
        int rc = 0;
        for (String p : paths) {
            String abs = s.abs(p);
            FileEntry e = s.lookup(abs);
            if (e == null) {
                io.error("ls: " + p + ": No such file or directory");
                rc = 1;
                continue;
            }
            List<String> names = new ArrayList<>();
            if (e.kind == 'd') {
                if (paths.size() > 1) {
                    io.println(p + ":");
                }
                if (all) {
                    names.add(".");
                    names.add("..");
                }
                names.addAll(s.list(abs));
            } else {
                names.add(p);
            }
            if (lng) {
                for (String n : names) {
                    String full = e.kind == 'd' ? (abs.equals("/") ? "/" + n : abs + "/" + n) : abs;
                    FileEntry c = n.equals(".") || n.equals("..") ? FileEntry.dir() : s.lookup(full);
                    if (c == null) {
                        c = FileEntry.dir();
                    }
                    io.println(String.format("%s%s    1 root     root     %8d Apr 13 16:38 %s%s", c.kind == 'f' ? '-' : c.kind,
                            perms(c.mode), c.kind == 'd' ? 4096 : c.size, n, c.kind == 'l' ? " -> " + c.target : ""));
                }
            } else if (one) {
                names.forEach(io::println);
            } else if (!names.isEmpty()) {
                io.println(String.join("  ", names));
            }
        }
        return rc;
    }

    private static String perms(int mode) {
        StringBuilder b = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            b.append((mode & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return b.toString();
    }

    private static int mkdir(LinuxSystem s, List<String> a, Io io) {
        boolean parents = a.contains("-p");
        int rc = 0;
        for (String p : a.subList(1, a.size())) {
            if (p.startsWith("-")) {
                continue;
            }
            String abs = s.abs(p);
            FileEntry e = s.lookup(abs);
            if (e != null) {
                if (!parents) {
                    io.error("mkdir: can't create directory '" + p + "': File exists");
                    rc = 1;
                }
                continue;
            }
            if (parents) {
                StringBuilder cur = new StringBuilder();
                for (String part : abs.substring(1).split("/")) {
                    cur.append('/').append(part);
                    if (s.lookup(cur.toString()) == null) {
                        String err = s.put(cur.toString(), FileEntry.dir());
                        if (err != null) {
                            io.error("mkdir: can't create directory '" + p + "': " + err);
                            rc = 1;
                            break;
                        }
                    }
                }
            } else {
                String err = s.put(abs, FileEntry.dir());
                if (err != null) {
                    io.error("mkdir: can't create directory '" + p + "': " + err);
                    rc = 1;
                }
            }
        }
        return rc;
    }

    private static int rm(LinuxSystem s, List<String> a, Io io) {
        boolean rec = false;
        boolean force = false;
        int rc = 0;
        for (String p : a.subList(1, a.size())) {
            if (p.startsWith("-")) {
                rec |= p.contains("r") || p.contains("R");
                force |= p.contains("f");
                continue;
            }
            String abs = s.abs(p);
            FileEntry e = s.lookup(abs);
            if (e == null) {
                if (!force) {
                    io.error("rm: can't remove '" + p + "': No such file or directory");
                    rc = 1;
                }
                continue;
            }
            if (e.kind == 'd' && !rec) {
                io.error("rm: '" + p + "' is a directory");
                rc = 1;
                continue;
            }
            s.remove(abs);
        }
        return rc;
    }

    private static int touch(LinuxSystem s, List<String> a, Io io) {
        int rc = 0;
        for (String p : a.subList(1, a.size())) {
            String abs = s.abs(p);
            if (s.lookup(abs) == null) {
                String err = s.put(abs, FileEntry.file(new byte[0]));
                if (err != null) {
                    io.error("touch: " + p + ": " + err);
                    rc = 1;
                }
            }
        }
        return rc;
    }

    private static int echo(LinuxSystem s, List<String> a, Io io) {
        boolean nl = true;
        boolean esc = false;
        int i = 1;
        while (i < a.size() && a.get(i).matches("-[neE]+")) {
            nl &= !a.get(i).contains("n");
            esc |= a.get(i).contains("e");
            i++;
        }
        String text = String.join(" ", a.subList(i, a.size()));
        io.print((esc ? unescape(text) : text) + (nl ? "\n" : ""));
        return 0;
    }

    static String unescape(String t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                char n = t.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\' -> b.append('\\');
                    case '0', 'x' -> {
                        int radix = n == 'x' ? 16 : 8;
                        int j = i + 1;
                        while (j < t.length() && j < i + (n == 'x' ? 3 : 4) && Character.digit(t.charAt(j), radix) >= 0) {
                            j++;
                        }
                        b.append(j > i + 1 ? (char) Integer.parseInt(t.substring(i + 1, j), radix) : (char) 0);
                        i = j - 1;
                    }
                    default -> b.append('\\').append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int printf(LinuxSystem s, List<String> a, Io io) {
        if (a.size() < 2) {
            io.error("printf: usage: printf FORMAT [ARGUMENT...]");
            return 1;
        }
        String fmt = unescape(a.get(1));
        List<String> args = a.subList(2, a.size());
        int ai = 0;
        StringBuilder out = new StringBuilder();
        do {
            for (int i = 0; i < fmt.length(); i++) {
                char c = fmt.charAt(i);
                if (c == '%' && i + 1 < fmt.length()) {
                    char f = fmt.charAt(++i);
                    String arg = ai < args.size() ? args.get(ai++) : "";
                    switch (f) {
                        case 's' -> out.append(arg);
                        case 'd' -> out.append(arg.isEmpty() ? "0" : arg);
                        case 'b' -> out.append(unescape(arg));
                        case '%' -> {
                            out.append('%');
                            ai--;
                        }
                        default -> out.append('%').append(f);
                    }
                } else {
                    out.append(c);
                }
            }
        } while (ai > 0 && ai < args.size());
        byte[] b = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        io.out.writeBytes(b);
        return 0;
    }

    static List<byte[]> inputs(LinuxSystem s, List<String> files, Io io, String prog) {
        List<byte[]> in = new ArrayList<>();
        if (files.isEmpty()) {
            in.add(io.stdin());
        }
        for (String f : files) {
            byte[] d = read(s, f, io, prog);
            if (d != null) {
                in.add(d);
            }
        }
        return in;
    }

    private static int wc(LinuxSystem s, List<String> a, Io io) {
        List<String> files = new ArrayList<>();
        String opt = "";
        for (String x : a.subList(1, a.size())) {
            if (x.startsWith("-")) {
                opt += x.substring(1);
            } else {
                files.add(x);
            }
        }
        for (byte[] d : inputs(s, files, io, "wc")) {
            long lines = 0;
            for (byte b : d) {
                if (b == '\n') {
                    lines++;
                }
            }
            String text = new String(d, StandardCharsets.UTF_8).trim();
            long words = text.isEmpty() ? 0 : text.split("\\s+").length;
            if (opt.equals("l")) {
                io.println(Long.toString(lines));
            } else if (opt.equals("c")) {
                io.println(Long.toString(d.length));
            } else if (opt.equals("w")) {
                io.println(Long.toString(words));
            } else {
                io.println(String.format("%9d %9d %9d", lines, words, d.length));
            }
        }
        return 0;
    }

    private static int grep(LinuxSystem s, List<String> a, Io io) {
        boolean invert = false;
        boolean quiet = false;
        boolean count = false;
        boolean whole = false;
        boolean fixed = false;
        boolean nocase = false;
        String pattern = null;
        List<String> files = new ArrayList<>();
        for (String x : a.subList(1, a.size())) {
            if (x.startsWith("-") && pattern == null && x.length() > 1) {
                invert |= x.contains("v");
                quiet |= x.contains("q");
                count |= x.contains("c");
                whole |= x.contains("x");
                fixed |= x.contains("F");
                nocase |= x.contains("i");
            } else if (pattern == null) {
                pattern = x;
            } else {
                files.add(x);
            }
        }
        if (pattern == null) {
            io.error("Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...");
            return 2;
        }
        java.util.regex.Pattern re;
        try {
            re = java.util.regex.Pattern.compile(fixed ? java.util.regex.Pattern.quote(pattern) : pattern,
                    nocase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0);
        } catch (java.util.regex.PatternSyntaxException e) {
            re = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(pattern));
        }
        int hits = 0;
        for (byte[] d : inputs(s, files, io, "grep")) {
            for (String line : new String(d, StandardCharsets.UTF_8).split("\n")) {
                java.util.regex.Matcher m = re.matcher(line);
                if ((whole ? m.matches() : m.find()) != invert) {
                    hits++;
                    if (!quiet && !count) {
                        io.println(line);
                    }
                }
            }
        }
        if (count) {
            io.println(Integer.toString(hits));
        }
        return hits > 0 ? 0 : 1;
    }

    private static int head(LinuxSystem s, List<String> a, Io io) {
        int n = 10;
        int bytes = -1;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i).equals("-n") && i + 1 < a.size()) {
                n = Integer.parseInt(a.get(++i));
            } else if (a.get(i).equals("-c") && i + 1 < a.size()) {
                bytes = Integer.parseInt(a.get(++i));
            } else if (a.get(i).matches("-\\d+")) {
                n = Integer.parseInt(a.get(i).substring(1));
            } else {
                files.add(a.get(i));
            }
        }
        for (byte[] d : inputs(s, files, io, "head")) {
            if (bytes >= 0) {
                io.out.write(d, 0, Math.min(bytes, d.length));
                continue;
            }
            String[] lines = new String(d, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < Math.min(n, lines.length); i++) {
                if (i == lines.length - 1 && lines[i].isEmpty()) {
                    break;
                }
                io.println(lines[i]);
            }
        }
        return 0;
    }

    private static int tail(LinuxSystem s, List<String> a, Io io) {
        int n = 10;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i).equals("-n") && i + 1 < a.size()) {
                n = Integer.parseInt(a.get(++i));
            } else {
                files.add(a.get(i));
            }
        }
        for (byte[] d : inputs(s, files, io, "tail")) {
            List<String> lines = new ArrayList<>(List.of(new String(d, StandardCharsets.UTF_8).split("\n")));
            for (String l : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
                io.println(l);
            }
        }
        return 0;
    }

    private static int copyOrMove(LinuxSystem s, List<String> a, Io io, boolean move) {
        String prog = move ? "mv" : "cp";
        List<String> args = a.subList(1, a.size()).stream().filter(x -> !x.startsWith("-")).toList();
        if (args.size() != 2) {
            io.error("BusyBox v1.36.1 multi-call binary.\n\nUsage: " + prog + " [-fin] SOURCE DEST");
            return 1;
        }
        String src = s.abs(args.get(0));
        FileEntry e = s.lookup(src);
        if (e == null) {
            io.error(prog + ": can't stat '" + args.get(0) + "': No such file or directory");
            return 1;
        }
        if (e.kind == 'd') {
            io.error(prog + ": omitting directory '" + args.get(0) + "'");
            return 1;
        }
        String dst = s.abs(args.get(1));
        FileEntry de = s.lookup(dst);
        if (de != null && de.kind == 'd') {
            dst = dst + "/" + src.substring(src.lastIndexOf('/') + 1);
        }
        FileEntry copy = e.copy();
        if (copy.content == null && copy.kind == 'f') {
            copy.content = e.bytes();
        }
        String err = s.put(dst, copy);
        if (err != null) {
            io.error(prog + ": can't create '" + args.get(1) + "': " + err);
            return 1;
        }
        if (move) {
            s.remove(src);
        }
        return 0;
    }

    /** Every path under {@code abs} (itself first), crossing mounts, depth-first in name order. */
    static void walk(LinuxSystem s, String abs, int depth, int maxDepth, List<String> out) {
        out.add(abs);
        FileEntry e = s.lookup(abs);
        if (e == null || e.kind != 'd' || depth >= maxDepth) {
            return;
        }
        for (String n : s.list(abs)) {
            walk(s, abs.equals("/") ? "/" + n : abs + "/" + n, depth + 1, maxDepth, out);
        }
    }

    private static int find(LinuxSystem s, List<String> a, Io io) {
        List<String> roots = new ArrayList<>();
        String type = null;
        String name = null;
        int maxDepth = Integer.MAX_VALUE;
        boolean xdev = false;
        for (int i = 1; i < a.size(); i++) {
            switch (a.get(i)) {
                case "-type" -> type = a.get(++i);
                case "-name" -> name = a.get(++i);
                case "-maxdepth" -> maxDepth = Integer.parseInt(a.get(++i));
                case "-xdev" -> xdev = true;
                default -> roots.add(a.get(i));
            }
        }
        if (roots.isEmpty()) {
            roots.add(".");
        }
        java.util.regex.Pattern glob = name == null ? null : java.util.regex.Pattern.compile(
                name.replace(".", "\\.").replace("*", ".*").replace("?", "."));
        int rc = 0;
        for (String r : roots) {
            String abs = s.abs(r);
            if (s.lookup(abs) == null) {
                io.error("find: " + r + ": No such file or directory");
                rc = 1;
                continue;
            }
            List<String> all = new ArrayList<>();
            walk(s, abs, 0, maxDepth, all);
            String rootMount = s.where(abs).mount().dir();
            for (String p : all) {
                if (xdev && !s.where(p).mount().dir().equals(rootMount)) {
                    continue;
                }
                FileEntry e = s.lookup(p);
                if (type != null && (e == null || e.kind != type.charAt(0))) {
                    continue;
                }
                String shown = r.startsWith("/") ? p : (r.equals(".") ? "." + p.substring(abs.length()) : r + p.substring(abs.length()));
                if (glob != null && !glob.matcher(p.substring(p.lastIndexOf('/') + 1)).matches()) {
                    continue;
                }
                io.println(shown.isEmpty() ? "." : shown);
            }
        }
        return rc;
    }

    private static int du(LinuxSystem s, List<String> a, Io io) {
        boolean human = a.stream().anyMatch(x -> x.startsWith("-") && x.contains("h"));
        List<String> paths = new ArrayList<>();
        for (String x : a.subList(1, a.size())) {
            if (!x.startsWith("-")) {
                paths.add(x);
            }
        }
        if (paths.isEmpty()) {
            paths.add(".");
        }
        for (String p : paths) {
            List<String> all = new ArrayList<>();
            walk(s, s.abs(p), 0, Integer.MAX_VALUE, all);
            long kb = 0;
            for (String x : all) {
                FileEntry e = s.lookup(x);
                if (e != null) {
                    kb += e.kind == 'd' ? 4 : (e.size + 4095) / 4096 * 4;
                }
            }
            io.println((human ? DiskCommands.human(kb * 1024) : Long.toString(kb)) + "\t" + p);
        }
        return 0;
    }

    private static int sha256sum(LinuxSystem s, List<String> a, Io io) {
        return digest(s, a, io, "SHA-256", "sha256sum");
    }

    private static int hexdump(LinuxSystem s, List<String> a, Io io) {
        List<String> files = new ArrayList<>(a.subList(1, a.size()));
        files.removeIf(f -> f.startsWith("-"));
        byte[] d = files.isEmpty() ? io.stdin() : read(s, files.get(0), io, "hexdump");
        if (d == null) {
            return 1;
        }
        String prev = null;
        boolean starred = false;
        for (int off = 0; off < d.length; off += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder asc = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (i == 8) {
                    hex.append(' ');
                }
                if (off + i < d.length) {
                    int c = d[off + i] & 0xff;
                    hex.append(String.format("%02x ", c));
                    asc.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                } else {
                    hex.append("   ");
                }
            }
            String body = hex + " |" + asc + "|";
            if (body.equals(prev) && off + 16 < d.length) {
                if (!starred) {
                    io.println("*");
                    starred = true;
                }
                continue;
            }
            starred = false;
            prev = body;
            io.println(String.format("%08x  %s", off, body));
        }
        io.println(String.format("%08x", d.length));
        return 0;
    }

    private static int digest(LinuxSystem s, List<String> a, Io io, String algo, String prog) {
        List<String> files = new ArrayList<>(a.subList(1, a.size()));
        files.removeIf(f -> f.startsWith("-") && !f.equals("-"));
        if (files.isEmpty()) {
            files.add("-");
        }
        int rc = 0;
        for (String f : files) {
            byte[] d = f.equals("-") ? io.stdin() : read(s, f, io, prog);
            if (d == null) {
                rc = 1;
                continue;
            }
            try {
                io.println(HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(d)) + "  " + f);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return rc;
    }

    private static int base64(LinuxSystem s, List<String> a, Io io) {
        boolean decode = a.contains("-d");
        List<String> files = new ArrayList<>(a.subList(1, a.size()));
        files.removeIf(f -> f.startsWith("-"));
        byte[] in = files.isEmpty() ? io.stdin() : read(s, files.get(0), io, "base64");
        if (in == null) {
            return 1;
        }
        if (decode) {
            String text = new String(in, StandardCharsets.US_ASCII).replaceAll("\\s", "");
            try {
                io.out.writeBytes(Base64.getDecoder().decode(text));
            } catch (IllegalArgumentException e) {
                io.error("base64: invalid input");
                return 1;
            }
            return 0;
        }
        String enc = Base64.getEncoder().encodeToString(in);
        for (int i = 0; i < enc.length(); i += 76) {
            io.println(enc.substring(i, Math.min(enc.length(), i + 76)));
        }
        return 0;
    }
}
