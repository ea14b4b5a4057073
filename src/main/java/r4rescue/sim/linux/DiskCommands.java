package r4rescue.sim.linux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import r4rescue.board.BoardProfile;
import r4rescue.sim.state.Disk;
import r4rescue.sim.state.FileEntry;
import r4rescue.sim.state.FileSystem;
import r4rescue.sim.state.MmcDevice;
import r4rescue.sim.state.Partition;
import r4rescue.sim.state.UbiVolume;

/** Block-device programs: lsblk, fdisk, sfdisk, mkfs.ext4, mount, umount, df, dd, mtd. */
final class DiskCommands {

    private DiskCommands() {
    }

    static void register(Map<String, Program> m) {
        m.put("lsblk", DiskCommands::lsblk);
        m.put("fdisk", new Fdisk());
        m.put("sfdisk", new Sfdisk());
        m.put("mkfs.ext4", DiskCommands::mkfs);
        m.put("mke2fs", DiskCommands::mkfs);
        m.put("mount", DiskCommands::mount);
        m.put("umount", DiskCommands::umount);
        m.put("df", DiskCommands::df);
        m.put("dd", new Dd());
        m.put("mtd", new MtdTool());
        m.put("ubiupdatevol", new UbiUpdateVol());
    }

    /** Sizes as util-linux and BusyBox print them: 2M, 126M, 465.8G. */
    static String human(long bytes) {
        String[] u = {"B", "K", "M", "G", "T"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        if (i == 0) {
            return bytes + "B";
        }
        return (v == Math.floor(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + u[i];
    }

    /** The raw bytes of a small block device or MTD char device, or null if {@code abs} is none. */
    static byte[] readDevice(LinuxSystem s, String abs) {
        if (abs.startsWith("/dev/mtd") && !abs.startsWith("/dev/mtdblock")) {
            int i = s.mtdIndex(abs);
            if (i < 0) {
                return null;
            }
            BoardProfile.Part p = s.mtdParts().get(i);
            if (p.name().equals("ubi")) {
                return s.state.nand.raw.read(p.offset(), (int) Math.min(p.size(), 16 << 20));
            }
            return s.state.nand.raw.read(p.offset(), (int) p.size());
        }
        if (abs.startsWith("/dev/nvme0n1") && s.blockDevice(abs) != null) {
            return NvmeNames.head(s.state.nvme, abs);
        }
        UbiVolume v = abs.startsWith("/dev/ubi0_") ? s.sysClass.volume(abs.substring(5)) : null;
        if (v != null) {
            return ubiVolume(v);
        }
        MmcDevice m = s.mmc();
        if (m != null && abs.startsWith("/dev/mmcblk0p")) {
            long[] dev = s.blockDevice(abs);
            if (dev == null) {
                return null;
            }
            Partition p = null;
            for (Partition x : m.partitions) {
                if (x.number == dev[2]) {
                    p = x;
                }
            }
            return p == null || p.size > (64 << 20) ? null : m.user.read(p.start, (int) p.size);
        }
        if (m != null && abs.equals("/dev/mmcblk0boot0") && m.boot0 != null) {
            return m.boot0.read(0, (int) m.boot0.size());
        }
        return null;
    }

    /**
     * dd's write into a device node; null when written, else dd's message. MTD: NAND programming only
     * clears bits (erase first), {@code bl2} is read-only to Linux. MMC: the user area or a GPT partition,
     * and the eMMC boot area once its {@code force_ro} is 0.
     */
    static String writeDevice(LinuxSystem s, String name, String abs, long at, byte[] data) {
        if (abs.equals("/dev/nvme0n1") && s.blockDevice(abs) != null) {
            Disk d = s.state.nvme;
            if (at + data.length > d.size) {
                return "error writing '" + name + "': No space left on device";
            }
            if (d.raw == null) {
                d.raw = new r4rescue.sim.Sparse(d.size, 0);
                d.raw.write(0, NvmeNames.head(d, abs));
            }
            d.raw.write(at, data);
            return null;
        }
        if (abs.startsWith("/dev/mtd") && !abs.startsWith("/dev/mtdblock") && s.mtdIndex(abs) >= 0) {
            BoardProfile.Part p = s.mtdParts().get(s.mtdIndex(abs));
            if (p.name().equals("bl2")) {
                return "can't open '" + name + "': Permission denied";
            }
            if (at + data.length > p.size()) {
                return "error writing '" + name + "': No space left on device";
            }
            byte[] now = s.state.nand.raw.read(p.offset() + at, data.length);
            for (int i = 0; i < now.length; i++) {
                now[i] &= data[i];
            }
            s.state.nand.raw.write(p.offset() + at, now);
            MtdTool.touchUbi(s, p);
            return null;
        }
        MmcDevice m = s.mmc();
        long[] dev = m == null ? null : s.blockDevice(abs);
        if (dev != null && dev[1] == 179 && (abs.equals("/dev/mmcblk0") || abs.startsWith("/dev/mmcblk0p"))) {
            long start = 0;
            for (Partition x : m.partitions) {
                if (abs.equals("/dev/mmcblk0p" + x.number)) {
                    start = x.start;
                }
            }
            if (at + data.length > dev[0]) {
                return "error writing '" + name + "': No space left on device";
            }
            m.user.write(start + at, data);
            return null;
        }
        if (m != null && abs.equals("/dev/mmcblk0boot0") && m.boot0 != null) {
            if (s.boot0ForceRo) {
                // the open succeeds; the block layer refuses each write to a read-only disk
                return "error writing '" + name + "': Operation not permitted";
            }
            if (at + data.length > m.boot0.size()) {
                return "error writing '" + name + "': No space left on device";
            }
            m.boot0.write(at, data);
            return null;
        }
        return "can't open '" + name + "': Operation not permitted";
    }

    /** What reading a UBI volume node gives: a static volume's data, a dynamic one's whole (reserved) space. */
    private static byte[] ubiVolume(UbiVolume v) {
        long len = v.isStatic ? v.dataSize : Math.min(SysClass.reservedEbs(v) * SysClass.LEB, 16 << 20);
        byte[] out = new byte[(int) len];
        java.util.Arrays.fill(out, (byte) 0xff);
        int stored = (int) Math.min(len, v.data.size());
        v.data.read(0, out, 0, stored);
        return out;
    }

    private static int lsblk(LinuxSystem s, List<String> a, Io io) {
        List<LinuxSystem.BlockRow> rows = s.blockRows();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            LinuxSystem.BlockRow r = rows.get(i);
            String name = r.name();
            if (r.parent() != null) {
                boolean lastChild = i + 1 >= rows.size() || !r.parent().equals(rows.get(i + 1).parent());
                name = (lastChild ? "`-" : "|-") + name; // C locale: ASCII tree, as on OpenWrt
            }
            names.add(name);
        }
        // lsblk sizes the NAME column to its longest entry
        String col = "%-" + Math.max(11, names.stream().mapToInt(String::length).max().orElse(0)) + "s";
        io.println(String.format(col, "NAME") + " MAJ:MIN RM   SIZE RO TYPE MOUNTPOINTS");
        for (int i = 0; i < rows.size(); i++) {
            LinuxSystem.BlockRow r = rows.get(i);
            String name = names.get(i);
            StringBuilder mp = new StringBuilder();
            for (LinuxSystem.Mount m : s.mounts) {
                if ((r.major() + ":" + r.minor()).equals(s.devNumber(m.device())) || (r.name().equals("fit0") && m.dir().equals("/rom"))
                        || (r.name().equals("fitrw") && m.dir().equals("/overlay"))) {
                    mp.append(mp.length() > 0 ? " " : "").append(m.dir());
                }
            }
            io.println(String.format(col + " %3d:%-3d  %d %5s %2d %-4s %s", name, r.major(), r.minor(), 0, human(r.size()),
                    r.ro() ? 1 : 0, r.type(), mp).stripTrailing());
        }
        return 0;
    }

    static void printTable(Io io, String dev, Disk d) {
        long sectors = d.size / 512;
        io.println(String.format(Locale.ROOT, "Disk %s: %.2f GiB, %d bytes, %d sectors", dev, d.size / (double) (1L << 30), d.size, sectors));
        io.println("Disk model: " + d.model);
        io.println("Units: sectors of 1 * 512 = 512 bytes");
        io.println("Sector size (logical/physical): 512 bytes / 512 bytes");
        io.println("I/O size (minimum/optimal): 512 bytes / 512 bytes");
        if (d.label != null) {
            io.println("Disklabel type: " + d.label);
            io.println("Disk identifier: 3B5A2C4E-7C1D-4F9A-9E51-2B4D6A8C0E12");
        }
        if (!d.partitions.isEmpty()) {
            io.println("");
            io.println("Device            Start        End    Sectors   Size Type");
            for (Partition p : d.partitions) {
                io.println(String.format("%-14s %8d %10d %10d %6s Linux filesystem", dev + "p" + p.number, p.start / 512,
                        (p.start + p.size) / 512 - 1, p.size / 512, human(p.size)));
            }
        }
    }

    private static int mkfs(LinuxSystem s, List<String> a, Io io) {
        String label = null;
        String dev = null;
        boolean force = false;
        for (int i = 1; i < a.size(); i++) {
            String x = a.get(i);
            if (x.equals("-L") && i + 1 < a.size()) {
                label = a.get(++i);
            } else if (x.equals("-F") || x.equals("-Fq") || x.equals("-qF")) {
                force = true;
            } else if (x.equals("-t") || x.equals("-T") || x.equals("-O") || x.equals("-m") || x.equals("-U")) {
                i++;
            } else if (!x.startsWith("-")) {
                dev = x;
            }
        }
        io.println("mke2fs 1.47.0 (5-Feb-2023)");
        if (dev == null) {
            io.error("Usage: mkfs.ext4 [-c|-l filename] [-b block-size] [-C cluster-size]\n\t[-i bytes-per-inode] [-I inode-size] [-J journal-options]\n\t[-L volume-label] [-F] device [blocks-count]");
            return 1;
        }
        Partition p = NvmeNames.partition(s.state.nvme, dev);
        if (p == null) {
            io.error("The file " + dev + " does not exist and no size was specified.");
            return 1;
        }
        if (s.mountOf(dev) != null) {
            io.error(dev + " is mounted; will not make a filesystem here!");
            return 1;
        }
        if (p.fs != null && !force) {
            String ans = io.askLine(dev + " contains a " + p.fs.type + " file system" + (p.fs.label != null ? " labelled '" + p.fs.label + "'" : "") + "\nProceed anyway? (y,N) ");
            if (ans == null || !ans.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                return 1;
            }
        }
        long blocks = p.size / 4096;
        String uuid = UUID.nameUUIDFromBytes((dev + System.nanoTime()).getBytes(StandardCharsets.UTF_8)).toString();
        io.println("Discarding device blocks: done                            ");
        io.println("Creating filesystem with " + blocks + " 4k blocks and " + Math.max(16384, blocks / 4) + " inodes");
        io.println("Filesystem UUID: " + uuid);
        io.println("Superblock backups stored on blocks: ");
        io.println("\t32768, 98304, 163840, 229376, 294912, 819200, 884736, 1605632");
        io.println("");
        io.println("Allocating group tables: done                            ");
        io.println("Writing inode tables: done                            ");
        io.println("Creating journal (16384 blocks): done");
        io.println("Writing superblocks and filesystem accounting information: done   ");
        io.println("");
        s.board.pause(800);
        p.fs = new FileSystem("ext4", label, uuid);
        return 0;
    }

    private static int mount(LinuxSystem s, List<String> a, Io io) {
        List<String> pos = new ArrayList<>();
        String opts = "rw,relatime";
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i).equals("-t")) {
                i++;
            } else if (a.get(i).equals("-o")) {
                opts = a.get(++i);
            } else if (!a.get(i).startsWith("-")) {
                pos.add(a.get(i));
            }
        }
        if (pos.isEmpty()) {
            for (LinuxSystem.Mount m : s.mounts) {
                io.println(m.device() + " on " + m.dir() + " type " + m.type() + " (" + m.opts() + ")");
            }
            return 0;
        }
        if (pos.size() < 2) {
            io.error("mount: can't find " + pos.get(0) + " in /etc/fstab");
            return 1;
        }
        String dev = pos.get(0);
        String dir = s.abs(pos.get(1));
        FileEntry d = s.lookup(dir);
        Partition p = NvmeNames.partition(s.state.nvme, dev);
        if (d == null || d.kind != 'd') {
            io.error("mount: mounting " + dev + " on " + pos.get(1) + " failed: " + (d == null ? "No such file or directory" : "Not a directory"));
            return 255;
        }
        if (p == null) {
            io.error("mount: mounting " + dev + " on " + pos.get(1) + " failed: " + (s.blockDevice(dev) == null ? "No such file or directory" : "Invalid argument"));
            return 255;
        }
        if (p.fs == null) {
            io.error("mount: mounting " + dev + " on " + pos.get(1) + " failed: Invalid argument");
            return 255;
        }
        if (s.mountOf(dev) != null) {
            io.error("mount: mounting " + dev + " on " + pos.get(1) + " failed: Device or resource busy");
            return 255;
        }
        s.flushFor(io);
        s.kernelLine("EXT4-fs (nvme0n1p" + p.number + "): mounted filesystem " + p.fs.uuid + " r/w with ordered data mode. Quota mode: disabled.");
        s.mounts.add(new LinuxSystem.Mount(dev, dir, "ext4", opts.contains("ro") ? "ro,relatime" : "rw,relatime", p.fs));
        return 0;
    }

    private static int umount(LinuxSystem s, List<String> a, Io io) {
        if (a.size() < 2) {
            io.error("Usage: umount [-rlfda] FILESYSTEM|DIRECTORY");
            return 1;
        }
        String target = a.get(a.size() - 1);
        String abs = target.startsWith("/dev/") ? target : s.abs(target);
        for (int i = s.mounts.size() - 1; i >= 0; i--) {
            LinuxSystem.Mount m = s.mounts.get(i);
            if (m.dir().equals(abs) || m.device().equals(abs)) {
                if (m.dir().equals("/") || m.dir().equals("/rom") || m.dir().equals("/overlay") || m.fs() == null) {
                    io.error("umount: can't unmount " + target + ": Device or resource busy");
                    return 1;
                }
                if (s.cwd.equals(m.dir()) || s.cwd.startsWith(m.dir() + "/")) {
                    io.error("umount: can't unmount " + target + ": Device or resource busy");
                    return 1;
                }
                s.mounts.remove(i);
                return 0;
            }
        }
        io.error("umount: can't unmount " + target + ": Invalid argument");
        return 1;
    }

    private static int df(LinuxSystem s, List<String> a, Io io) {
        boolean h = a.contains("-h");
        List<String> paths = new ArrayList<>();
        for (String x : a.subList(1, a.size())) {
            if (!x.startsWith("-")) {
                paths.add(x);
            }
        }
        List<LinuxSystem.Mount> shown = new ArrayList<>();
        if (paths.isEmpty()) {
            shown.addAll(s.mounts);
        } else {
            for (String p : paths) {
                shown.add(s.where(s.abs(p)).mount());
            }
        }
        io.println(h ? "Filesystem                Size      Used Available Use% Mounted on"
                : "Filesystem           1K-blocks      Used Available Use% Mounted on");
        for (LinuxSystem.Mount m : shown) {
            long size = sizeOf(s, m);
            long used = m.fs() == null ? 0 : Math.min(size, m.fs().usedBytes() + (m.type().equals("ext4") ? 24L << 20 : 0));
            if (m.dir().equals("/rom")) {
                used = size;
            }
            long avail = size - used;
            int pct = size == 0 ? 0 : (int) Math.ceil(used * 100.0 / size);
            String dev = m.device().length() > 20 ? m.device() + "\n" + " ".repeat(20) : String.format("%-20s", m.device());
            if (h) {
                io.println(String.format("%s %9s %9s %9s %3d%% %s", dev, dfHuman(size), dfHuman(used), dfHuman(avail), pct, m.dir()));
            } else {
                io.println(String.format("%s %9d %9d %9d %3d%% %s", dev, size / 1024, used / 1024, avail / 1024, pct, m.dir()));
            }
        }
        return 0;
    }

    private static String dfHuman(long b) {
        if (b == 0) {
            return "0";
        }
        String[] u = {"", "K", "M", "G", "T"};
        double v = b;
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, u[i]);
    }

    private static long sizeOf(LinuxSystem s, LinuxSystem.Mount m) {
        String dev = m.device().equals("/dev/root") ? "/dev/" + s.root.source() : m.device();
        if (dev.startsWith("/dev/nvme")) {
            long[] d = s.blockDevice(dev);
            return d == null ? 0 : d[0];
        }
        return switch (m.dir()) {
            case "/rom" -> 8_912_896L;
            case "/", "/overlay" -> 93_323_264L;
            case "/tmp" -> s.state.ramGiB * (512L << 20);
            default -> 0;
        };
    }
}
