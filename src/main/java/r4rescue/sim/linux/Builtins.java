package r4rescue.sim.linux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import r4rescue.sim.state.FileEntry;
import r4rescue.sim.state.Partition;

/**
 * ash builtins ({@code set}, {@code read}, {@code [}/{@code test}, {@code :}) and the small BusyBox
 * applets the procedures lean on: {@code which}, {@code awk} (a pattern on NR/NF and {@code print}),
 * {@code tr}, {@code chmod}, {@code blkid} (no {@code od}: OpenWrt's BusyBox is built without it).
 */
final class Builtins {

    private Builtins() {
    }

    static void register(Map<String, Program> m) {
        m.put(":", (s, a, io) -> 0);
        m.put("set", Builtins::set);
        m.put("read", Builtins::read);
        m.put("[", (s, a, io) -> {
            if (!a.get(a.size() - 1).equals("]")) {
                io.error("-ash: [: missing ]");
                return 2;
            }
            return test(s, a.subList(1, a.size() - 1), io);
        });
        m.put("test", (s, a, io) -> test(s, a.subList(1, a.size()), io));
        m.put("which", Builtins::which);
        m.put("awk", Builtins::awk);
        m.put("tr", Builtins::tr);
        m.put("chmod", Builtins::chmod);
        m.put("blkid", Builtins::blkid);
    }

    private static int set(LinuxSystem s, List<String> a, Io io) {
        for (int i = 1; i < a.size(); i++) {
            String x = a.get(i);
            if (x.equals("--")) {
                s.args.clear();
                s.args.addAll(a.subList(i + 1, a.size()));
                return 0;
            }
            if ((x.equals("-o") || x.equals("+o")) && i + 1 < a.size()) {
                String opt = a.get(++i);
                if (!opt.equals("pipefail")) {
                    io.error("-ash: set: illegal option -o " + opt);
                    return 2;
                }
                s.pipefail = x.startsWith("-");
            } else if (!x.matches("[-+][eux]+")) {
                s.args.clear();
                s.args.addAll(a.subList(i, a.size()));
                return 0;
            }
        }
        if (a.size() == 1) {
            s.vars.forEach((k, v) -> io.println(k + "='" + v + "'"));
        }
        return 0;
    }

    private static int read(LinuxSystem s, List<String> a, Io io) {
        List<String> names = a.subList(1, a.size()).stream().filter(x -> !x.startsWith("-")).toList();
        String line = io.readLine();
        if (line == null) {
            return 1;
        }
        String rest = line.strip();
        for (int i = 0; i < names.size(); i++) {
            if (i == names.size() - 1) {
                s.vars.put(names.get(i), rest);
            } else {
                String[] two = rest.split("[ \t]+", 2);
                s.vars.put(names.get(i), two[0]);
                rest = two.length > 1 ? two[1] : "";
            }
        }
        return 0;
    }

    /** test/[: unary file and string tests, binary string and integer comparisons, !, -a, -o. */
    private static int test(LinuxSystem s, List<String> e, Io io) {
        try {
            return eval(s, e) ? 0 : 1;
        } catch (NumberFormatException x) {
            io.error("-ash: [: " + x.getMessage().replaceFirst("For input string: ", "") + ": bad number");
            return 2;
        }
    }

    private static boolean eval(LinuxSystem s, List<String> e) {
        for (int i = e.size() - 1; i > 0; i--) {
            if (e.get(i).equals("-o")) {
                return eval(s, e.subList(0, i)) || eval(s, e.subList(i + 1, e.size()));
            }
        }
        for (int i = e.size() - 1; i > 0; i--) {
            if (e.get(i).equals("-a")) {
                return eval(s, e.subList(0, i)) && eval(s, e.subList(i + 1, e.size()));
            }
        }
        if (!e.isEmpty() && e.get(0).equals("!")) {
            return !eval(s, e.subList(1, e.size()));
        }
        switch (e.size()) {
            case 0 -> {
                return false;
            }
            case 1 -> {
                return !e.get(0).isEmpty();
            }
            case 2 -> {
                String v = e.get(1);
                FileEntry f = v.isEmpty() ? null : s.lookup(s.abs(v));
                return switch (e.get(0)) {
                    case "-n" -> !v.isEmpty();
                    case "-z" -> v.isEmpty();
                    case "-e" -> f != null;
                    case "-f" -> f != null && f.kind == 'f';
                    case "-d" -> f != null && f.kind == 'd';
                    case "-b" -> f != null && f.kind == 'b';
                    case "-c" -> f != null && f.kind == 'c';
                    case "-L", "-h" -> f != null && f.kind == 'l';
                    case "-s" -> f != null && f.size > 0;
                    case "-x" -> f != null && (f.mode & 0111) != 0;
                    case "-r", "-w" -> f != null;
                    default -> false;
                };
            }
            default -> {
                String l = e.get(0);
                String r = e.get(2);
                return switch (e.get(1)) {
                    case "=", "==" -> l.equals(r);
                    case "!=" -> !l.equals(r);
                    case "-eq" -> Long.parseLong(l.strip()) == Long.parseLong(r.strip());
                    case "-ne" -> Long.parseLong(l.strip()) != Long.parseLong(r.strip());
                    case "-lt" -> Long.parseLong(l.strip()) < Long.parseLong(r.strip());
                    case "-le" -> Long.parseLong(l.strip()) <= Long.parseLong(r.strip());
                    case "-gt" -> Long.parseLong(l.strip()) > Long.parseLong(r.strip());
                    case "-ge" -> Long.parseLong(l.strip()) >= Long.parseLong(r.strip());
                    default -> false;
                };
            }
        }
    }

    private static int which(LinuxSystem s, List<String> a, Io io) {
        int rc = 0;
        for (String name : a.subList(1, a.size())) {
            String found = s.programPath(name);
            if (found == null) {
                rc = 1;
            } else {
                io.println(found);
            }
        }
        return rc;
    }

    /** awk 'PATTERN', 'PATTERN {print ...}' or '{print $N}': patterns are arithmetic on NR and NF. */
    private static int awk(LinuxSystem s, List<String> a, Io io) {
        if (a.size() < 2) {
            io.error("Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...");
            return 1;
        }
        String prog = a.get(1).strip();
        String pattern = prog;
        String action = null;
        int brace = prog.indexOf('{');
        if (brace >= 0) {
            pattern = prog.substring(0, brace).strip();
            action = prog.substring(brace + 1, prog.lastIndexOf('}')).strip();
        }
        byte[] in = a.size() > 2 ? FileCommands.read(s, a.get(2), io, "awk") : io.stdin();
        if (in == null) {
            return 2;
        }
        long nr = 0;
        for (String line : new String(in, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty() && nr == 0 && in.length == 0) {
                break;
            }
            nr++;
            String[] fields = line.strip().isEmpty() ? new String[0] : line.strip().split("[ \t]+");
            long n = nr;
            boolean hit;
            try {
                hit = pattern.isEmpty() || Arith.eval(pattern, v -> v.equals("NR") ? Long.toString(n)
                        : v.equals("NF") ? Integer.toString(fields.length) : "0") != 0;
            } catch (IllegalArgumentException e) {
                io.error("awk: cmd. line:1: " + e.getMessage());
                return 2;
            }
            if (!hit) {
                continue;
            }
            if (action == null || action.equals("print") || action.equals("print $0")) {
                io.println(line);
            } else if (action.startsWith("print ")) {
                List<String> out = new ArrayList<>();
                for (String f : action.substring(6).split("\\s*,\\s*")) {
                    int k = Integer.parseInt(f.strip().substring(1));
                    out.add(k == 0 ? line : k <= fields.length ? fields[k - 1] : "");
                }
                io.println(String.join(" ", out));
            } else {
                io.error("awk: cmd. line:1: unsupported action " + action);
                return 2;
            }
        }
        return 0;
    }

    private static int tr(LinuxSystem s, List<String> a, Io io) {
        boolean delete = a.size() > 1 && a.get(1).equals("-d");
        List<String> sets = a.subList(delete ? 2 : 1, a.size());
        if (sets.isEmpty() || (!delete && sets.size() < 2)) {
            io.error("Usage: tr [-cds] STRING1 [STRING2]");
            return 1;
        }
        String from = unescape(sets.get(0));
        String to = delete ? "" : unescape(sets.get(1));
        StringBuilder out = new StringBuilder();
        for (char c : new String(io.stdin(), StandardCharsets.ISO_8859_1).toCharArray()) {
            int k = from.indexOf(c);
            if (k < 0) {
                out.append(c);
            } else if (!delete) {
                out.append(to.charAt(Math.min(k, to.length() - 1)));
            }
        }
        byte[] b = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        io.out.write(b, 0, b.length);
        return 0;
    }

    /** tr's sets: {@code \NNN} octal, {@code \n}, {@code \t}, {@code \\}. */
    private static String unescape(String set) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < set.length(); i++) {
            char c = set.charAt(i);
            if (c != '\\' || i + 1 >= set.length()) {
                b.append(c);
                continue;
            }
            char n = set.charAt(++i);
            if (n >= '0' && n <= '7') {
                int e = i;
                while (e < set.length() && e < i + 3 && set.charAt(e) >= '0' && set.charAt(e) <= '7') {
                    e++;
                }
                b.append((char) Integer.parseInt(set.substring(i, e), 8));
                i = e - 1;
            } else {
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            }
        }
        return b.toString();
    }

    private static int chmod(LinuxSystem s, List<String> a, Io io) {
        if (a.size() < 3) {
            io.error("Usage: chmod [-R] MODE[,MODE]... FILE...");
            return 1;
        }
        String mode = a.get(1);
        int rc = 0;
        for (String f : a.subList(2, a.size())) {
            FileEntry e = s.lookup(s.abs(f));
            if (e == null) {
                io.error("chmod: " + f + ": No such file or directory");
                rc = 1;
            } else if (mode.matches("[0-7]+")) {
                e.mode = Integer.parseInt(mode, 8);
            } else if (mode.matches("[ugoa]*\\+x")) {
                e.mode |= 0111;
            }
        }
        return rc;
    }

    /** util-linux blkid: one line per device that has a filesystem or a partition table. */
    private static int blkid(LinuxSystem s, List<String> a, Io io) {
        List<String> devs = new ArrayList<>(a.subList(1, a.size()).stream().filter(x -> !x.startsWith("-")).toList());
        if (devs.isEmpty() && s.state.nvme != null && s.state.nvme.present) {
            devs.add("/dev/nvme0n1");
            s.state.nvme.partitions.forEach(p -> devs.add("/dev/nvme0n1p" + p.number));
        }
        int found = 0;
        for (String d : devs) {
            String line = null;
            if (d.equals("/dev/nvme0n1") && s.state.nvme != null && s.state.nvme.present && s.state.nvme.label != null) {
                line = "PTUUID=\"" + java.util.UUID.nameUUIDFromBytes(s.state.nvme.model.getBytes(StandardCharsets.UTF_8))
                        + "\" PTTYPE=\"" + s.state.nvme.label + "\"";
            } else if (s.state.nvme != null && s.state.nvme.present) {
                Partition p = NvmeNames.partition(s.state.nvme, d);
                if (p != null) {
                    StringBuilder b = new StringBuilder();
                    if (p.fs != null) {
                        if (p.fs.label != null) {
                            b.append("LABEL=\"").append(p.fs.label).append("\" ");
                        }
                        b.append("UUID=\"").append(p.fs.uuid).append("\" BLOCK_SIZE=\"4096\" TYPE=\"").append(p.fs.type).append("\" ");
                    }
                    if (p.name != null) {
                        b.append("PARTLABEL=\"").append(p.name).append("\" ");
                    }
                    b.append("PARTUUID=\"").append(p.uuid != null ? p.uuid
                            : java.util.UUID.nameUUIDFromBytes(("part" + p.number + p.start).getBytes(StandardCharsets.UTF_8))).append('"');
                    line = b.toString();
                }
            }
            if (line != null) {
                io.println(d + ": " + line);
                found++;
            }
        }
        return found > 0 ? 0 : 2;
    }
}
