package r4rescue.sim.linux;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import r4rescue.sim.state.FileEntry;

/**
 * tar -c/-x/-t with -C, -f FILE or -, -z, -v and --exclude, enough for the guide's copy
 * pipeline {@code tar -C / --exclude=./proc ... -cf - . | tar -C /mnt/nvme -xf -}. Archives are
 * a simulator format (a header line and the entries as JSON), optionally gzip-compressed; file
 * entries keep their metadata, so a copy costs no memory. Virtual filesystems are skipped.
 */
final class Tar implements Program {

    private static final String MAGIC = "R4SIM-TAR 1\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] archive(Map<String, FileEntry> entries, boolean gzip) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(MAGIC.getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(JSON.writeValueAsBytes(entries));
            if (!gzip) {
                return b.toByteArray();
            }
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                g.write(b.toByteArray());
            }
            return z.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code gzip}: the caller said {@code z}. OpenWrt's BusyBox tar does not detect compression itself
     * (Config-defaults.in: FEATURE_TAR_AUTODETECT=n), so gzip data without {@code z} is no tar to it.
     */
    static TreeMap<String, FileEntry> unarchive(byte[] d, boolean gzip) throws IOException {
        if (gzip) {
            d = new GZIPInputStream(new ByteArrayInputStream(d)).readAllBytes();
        }
        String head = new String(d, 0, Math.min(d.length, MAGIC.length()), StandardCharsets.US_ASCII);
        if (!head.equals(MAGIC)) {
            return ustar(d);
        }
        return JSON.readValue(new ByteArrayInputStream(d, MAGIC.length(), d.length - MAGIC.length()),
                new TypeReference<TreeMap<String, FileEntry>>() { });
    }

    /**
     * A real (POSIX ustar) archive, as made on a host: an OpenWrt rootfs.tar.gz for a slot. Regular
     * files, directories and symbolic links; names keep their leading "./" stripped, as BusyBox lists them.
     */
    private static TreeMap<String, FileEntry> ustar(byte[] d) throws IOException {
        TreeMap<String, FileEntry> out = new TreeMap<>();
        int off = 0;
        while (off + 512 <= d.length) {
            if (d[off] == 0) {
                return out;
            }
            if (!new String(d, off + 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
                throw new IOException("invalid tar magic");
            }
            String name = field(d, off, 100);
            String prefix = field(d, off + 345, 155);
            String full = norm(prefix.isEmpty() ? name : prefix + "/" + name);
            int mode = Integer.parseInt(field(d, off + 100, 8).trim().isEmpty() ? "644" : field(d, off + 100, 8).trim(), 8) & 07777;
            long size = Long.parseLong(field(d, off + 124, 12).trim().isEmpty() ? "0" : field(d, off + 124, 12).trim(), 8);
            char type = (char) d[off + 156];
            off += 512;
            if (off + size > d.length) {
                throw new IOException("short read");
            }
            FileEntry e = type == '5' ? FileEntry.dir() : type == '2' ? FileEntry.link(field(d, off - 512 + 157, 100))
                    : FileEntry.file(java.util.Arrays.copyOfRange(d, off, (int) (off + size)));
            e.mode = mode;
            if (!full.isEmpty()) {
                out.put(full, e);
            }
            off += (int) ((size + 511) / 512 * 512);
        }
        return out;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    @Override
    public int run(LinuxSystem s, List<String> a, Io io) {
        String mode = null;
        String file = null;
        String dir = s.cwd;
        boolean verbose = false;
        boolean gzip = false;
        List<String> excludes = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            String x = a.get(i);
            if (x.startsWith("--exclude=")) {
                excludes.add(norm(x.substring(10)));
            } else if (x.equals("--exclude")) {
                excludes.add(norm(a.get(++i)));
            } else if (x.equals("-C")) {
                dir = s.abs(a.get(++i));
            } else if (x.startsWith("-") || (i == 1 && x.matches("[cxtvzf]+"))) {
                String flags = x.replace("-", "");
                for (char c : flags.toCharArray()) {
                    switch (c) {
                        case 'c', 'x', 't' -> mode = String.valueOf(c);
                        case 'v' -> verbose = true;
                        case 'z' -> gzip = true;
                        case 'f' -> file = a.get(++i);
                        case 'C' -> dir = s.abs(a.get(++i));
                        default -> {
                        }
                    }
                }
            } else {
                members.add(x);
            }
        }
        if (mode == null) {
            io.error("tar: need at least one option");
            return 1;
        }
        if (mode.equals("c")) {
            return create(s, io, dir, file, members, excludes, verbose, gzip);
        }
        byte[] in = file == null || file.equals("-") ? io.stdin() : FileCommands.read(s, file, io, "tar");
        if (in == null) {
            return 1;
        }
        TreeMap<String, FileEntry> entries;
        try {
            entries = unarchive(in, gzip);
        } catch (IOException e) {
            io.error("tar: invalid tar magic");
            return 1;
        }
        for (Map.Entry<String, FileEntry> e : entries.entrySet()) {
            if (mode.equals("t") || verbose) {
                io.println(e.getKey());
            }
            if (mode.equals("x")) {
                String target = s.abs((dir.equals("/") ? "" : dir) + "/" + e.getKey());
                if (e.getValue().kind == 'd' && s.lookup(target) != null) {
                    continue;
                }
                makeParents(s, target);
                String err = s.put(target, e.getValue().copy());
                if (err != null) {
                    io.error("tar: can't create '" + e.getKey() + "': " + err);
                    return 1;
                }
            }
        }
        return 0;
    }

    /** As BusyBox tar does for a member whose directories the archive does not list (sysupgrade -b's files). */
    private static void makeParents(LinuxSystem s, String target) {
        List<String> missing = new ArrayList<>();
        for (String p = parent(target); !p.equals("/") && s.lookup(p) == null; p = parent(p)) {
            missing.add(0, p);
        }
        missing.forEach(p -> s.put(p, FileEntry.dir()));
    }

    private static String parent(String p) {
        int i = p.lastIndexOf('/');
        return i <= 0 ? "/" : p.substring(0, i);
    }

    private static String norm(String p) {
        String t = p.startsWith("./") ? p.substring(2) : p.startsWith("/") ? p.substring(1) : p;
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    private int create(LinuxSystem s, Io io, String dir, String file, List<String> members, List<String> excludes,
                       boolean verbose, boolean gzip) {
        if (members.isEmpty()) {
            io.error("tar: empty archive");
            return 1;
        }
        TreeMap<String, FileEntry> out = new TreeMap<>();
        for (String m : members) {
            String start = s.abs((dir.equals("/") ? "" : dir) + "/" + m);
            if (s.lookup(start) == null) {
                io.error("tar: " + m + ": No such file or directory");
                return 1;
            }
            List<String> all = new ArrayList<>();
            FileCommands.walk(s, start, 0, Integer.MAX_VALUE, all);
            for (String p : all) {
                String rel = p.equals(dir) ? "" : p.substring(dir.equals("/") ? 1 : dir.length() + 1);
                String name = m.equals(".") ? (rel.isEmpty() ? "./" : "./" + rel) : rel;
                String cmp = norm(name);
                boolean skip = false;
                for (String ex : excludes) {
                    skip |= cmp.equals(ex) || cmp.startsWith(ex + "/");
                }
                if (skip || s.where(p).mount().fs() == null || (file != null && s.abs(file).equals(p))) {
                    continue;
                }
                if (name.equals(s.board.faults().tarIgnores)) {
                    io.error("tar: " + name + ": socket ignored");
                    continue;
                }
                FileEntry e = s.lookup(p);
                if (e == null) {
                    continue;
                }
                FileEntry copy = e.copy();
                if (e.kind == 'f' && e.content == null && e.size == 0) {
                    copy.content = new byte[0];
                }
                out.put(name, copy);
                if (verbose) {
                    io.error(name);
                }
            }
        }
        byte[] archive = archive(out, gzip);
        if (file == null || file.equals("-")) {
            io.out.writeBytes(archive);
            return 0;
        }
        String err = s.put(s.abs(file), FileEntry.file(archive));
        if (err != null) {
            io.error("tar: can't open '" + file + "': " + err);
            return 1;
        }
        return 0;
    }
}
