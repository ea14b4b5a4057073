package r4rescue.sim.linux;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import r4rescue.sim.state.Disk;
import r4rescue.sim.state.FileEntry;
import r4rescue.sim.state.FileSystem;
import r4rescue.sim.state.Partition;

/**
 * OpenWrt's block-mount and uci for the fstab package, as far as extroot uses them: {@code block info},
 * {@code uci [-c DIR] set/get/show/commit/revert fstab…}, and the preinit mount of the enabled {@code target '/overlay'}
 * entry by UUID (block-mount's extroot; https://openwrt.org/docs/guide-user/storage/fstab).
 * Staged uci changes live in /tmp/.uci/fstab (lost at reboot, as real uci's deltas are) until commit.
 */
final class Extroot {

    static final String FSTAB = "/etc/config/fstab";
    private static final String STAGED = "/tmp/.uci/fstab";

    private Extroot() {
    }

    static void register(Map<String, Program> m) {
        m.put("block", Extroot::block);
        m.put("uci", Extroot::uci);
    }

    /**
     * The partition block-mount mounts on /overlay at preinit: the enabled fstab mount with target
     * /overlay whose UUID an ext4 partition of the SSD has. Needs the NVMe driver (kmod-nvme autoloads).
     */
    static Partition overlayPartition(Disk nvme, FileSystem root) {
        FileEntry f = root.files.get(FSTAB);
        if (nvme == null || !nvme.present || f == null) {
            return null;
        }
        for (Map<String, String> s : parse(new String(f.bytes(), StandardCharsets.UTF_8)).values()) {
            if ("mount".equals(s.get("")) && "/overlay".equals(s.get("target")) && !"0".equals(s.get("enabled"))) {
                for (Partition p : nvme.partitions) {
                    if (p.fs != null && "ext4".equals(p.fs.type) && p.fs.uuid != null && p.fs.uuid.equals(s.get("uuid"))) {
                        p.fs.files.putIfAbsent("/", FileEntry.dir());
                        p.fs.files.putIfAbsent("/upper", FileEntry.dir());
                        p.fs.files.putIfAbsent("/work", FileEntry.dir());
                        return p;
                    }
                }
            }
        }
        return null;
    }

    private static int block(LinuxSystem s, List<String> a, Io io) {
        if (a.size() < 2 || !a.get(1).equals("info")) {
            io.error("Usage: block <info|mount|umount|detect>");
            return 1;
        }
        if (s.state.nvme != null && s.state.nvme.present) {
            for (Partition p : s.state.nvme.partitions) {
                String dev = "/dev/nvme0n1p" + p.number;
                if (p.fs != null && (a.size() < 3 || a.get(2).equals(dev))) {
                    io.println(dev + ": UUID=\"" + p.fs.uuid + "\"" + (p.fs.label == null ? "" : " LABEL=\"" + p.fs.label + "\"")
                            + " VERSION=\"1.0\" TYPE=\"" + p.fs.type + "\"");
                }
            }
        }
        return 0;
    }

    private static int uci(LinuxSystem s, List<String> a, Io io) {
        List<String> args = new java.util.ArrayList<>(a.subList(1, a.size()).stream().filter(x -> !x.equals("-q")).toList());
        boolean quiet = a.contains("-q");
        String fstab = FSTAB;
        int c = args.indexOf("-c");
        if (c >= 0 && c + 1 < args.size()) {
            fstab = args.get(c + 1) + "/fstab";
            args.subList(c, c + 2).clear();
        }
        if (args.isEmpty()) {
            io.error("Usage: uci [<options>] <command> [<arguments>]");
            return 1;
        }
        String cmd = args.get(0);
        String key = args.size() > 1 ? args.get(1) : "";
        if (!key.startsWith("fstab")) {
            return fail(io, quiet, "uci: Entry not found");
        }
        FileEntry file = s.lookup(s.lookup(STAGED) != null ? STAGED : fstab);
        if (file == null) {
            return fail(io, quiet, "uci: Entry not found");
        }
        Map<String, Map<String, String>> cfg = parse(new String(file.bytes(), StandardCharsets.UTF_8));
        String[] path = key.split("=", 2)[0].split("\\.");
        switch (cmd) {
            case "get" -> {
                Map<String, String> sec = path.length > 1 ? cfg.get(path[1]) : null;
                String v = sec == null ? null : sec.get(path.length > 2 ? path[2] : "");
                if (v == null) {
                    return fail(io, quiet, "uci: Entry not found");
                }
                io.println(v);
                return 0;
            }
            case "show" -> {
                cfg.forEach((name, sec) -> {
                    if (path.length < 2 || path[1].equals(name)) {
                        sec.forEach((k, v) -> io.println("fstab." + name + (k.isEmpty() ? "=" + v : "." + k + "='" + v + "'")));
                    }
                });
                return 0;
            }
            case "set" -> {
                if (path.length < 2 || !key.contains("=")) {
                    return fail(io, quiet, "uci: Invalid argument");
                }
                String value = key.substring(key.indexOf('=') + 1);
                if (path.length == 2) {
                    cfg.computeIfAbsent(path[1], k -> new LinkedHashMap<>()).put("", value);
                } else if (cfg.containsKey(path[1])) {
                    cfg.get(path[1]).put(path[2], value);
                } else {
                    return fail(io, quiet, "uci: Invalid argument");
                }
                s.put("/tmp/.uci", FileEntry.dir());
                s.put(STAGED, FileEntry.text(write(cfg)));
                return 0;
            }
            case "revert" -> {
                s.remove(STAGED);
                return 0;
            }
            case "commit" -> {
                if (s.board.faults().uciCommitFails) {
                    return fail(io, quiet, "uci: I/O error");
                }
                String err = s.put(fstab, FileEntry.text(write(cfg)));
                if (err != null) {
                    return fail(io, quiet, "uci: " + err);
                }
                s.remove(STAGED);
                return 0;
            }
            default -> {
                return fail(io, quiet, "uci: Invalid argument");
            }
        }
    }

    /** uci's error: printed unless -q, where the exit status alone says it. */
    private static int fail(Io io, boolean quiet, String message) {
        if (!quiet) {
            io.error(message);
        }
        return 1;
    }

    /** uci's file format: {@code config TYPE ['NAME']} then {@code option KEY 'VALUE'}; key "" is the type. */
    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> cur = null;
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+", 3);
            if (f[0].equals("config") && f.length > 1) {
                String name = f.length > 2 ? unquote(f[2]) : "@" + f[1] + "[" + out.keySet().stream().filter(k -> k.startsWith("@" + f[1])).count() + "]";
                cur = new LinkedHashMap<>();
                cur.put("", f[1]);
                out.put(name, cur);
            } else if (f[0].equals("option") && f.length > 2 && cur != null) {
                cur.put(f[1], unquote(f[2]));
            }
        }
        return out;
    }

    private static String write(Map<String, Map<String, String>> cfg) {
        StringBuilder b = new StringBuilder();
        cfg.forEach((name, sec) -> {
            b.append("config ").append(sec.get("")).append(name.startsWith("@") ? "" : " '" + name + "'").append('\n');
            sec.forEach((k, v) -> {
                if (!k.isEmpty()) {
                    b.append("\toption ").append(k).append(" '").append(v).append("'\n");
                }
            });
            b.append('\n');
        });
        return b.toString();
    }

    private static String unquote(String v) {
        return v.length() >= 2 && (v.startsWith("'") || v.startsWith("\"")) ? v.substring(1, v.length() - 1) : v;
    }
}
