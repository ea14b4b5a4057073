package r4rescue.sim.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.sim.SimBoard;
import r4rescue.sim.state.SimState;
import r4rescue.sim.state.Disk;
import r4rescue.sim.state.FileEntry;
import r4rescue.sim.state.FileSystem;
import r4rescue.sim.state.MmcDevice;
import r4rescue.sim.state.Partition;
import r4rescue.sim.boot.Media;

/**
 * The running OpenWrt as the shell sees it: mounts over in-memory filesystems, the virtual
 * files under /proc, block devices, the current directory and shell variables.
 */
public final class LinuxSystem {

    /** One mounted filesystem; {@code fs} is null for virtual ones (proc, sysfs, devtmpfs). */
    public record Mount(String device, String dir, String type, String opts, FileSystem fs) {
    }

    /** Where a path lands: the mount and the path inside its filesystem. */
    public record Where(Mount mount, String inner) {
    }

    public final SimBoard board;
    public final SimState state;
    public final Medium medium;
    public final String cmdline;
    public final RootFs root;
    public final List<Mount> mounts = new ArrayList<>();
    public String cwd = "/root";
    public final Map<String, String> vars = new TreeMap<>();
    public int lastStatus;
    /** Positional parameters ($1...), set with {@code set --}. */
    public final List<String> args = new ArrayList<>();
    /** {@code set -o pipefail}: a pipeline fails when any of its commands does. */
    public boolean pipefail;
    private final long bootNanos = System.nanoTime();
    /** /sys/class/{mtd,ubi,block}, generated from the storage state. */
    final SysClass sysClass = new SysClass(this);
    /**
     * The eMMC boot0 area is read-only until root writes 0 to its {@code force_ro}; the kernel sets it
     * again at every boot (Documentation/mmc/mmc-dev-parts.rst).
     */
    boolean boot0ForceRo = true;
    /** rmmod nvme ran (stock OpenWrt's kmod-nvme): the SSD is gone from Linux until insmod nvme. */
    boolean nvmeUnloaded;
    /** {@code opkg update} fetched the package lists (they live in /var, so a reboot forgets them). */
    boolean opkgLists;
    /** {@code uname -r}: the release of the kernel the FIT carried, whatever the root's /lib/modules holds. */
    final String kernelRelease;

    LinuxSystem(SimBoard board, Medium medium, String cmdline, RootFs root, String kernelRelease) {
        this.board = board;
        this.kernelRelease = kernelRelease;
        this.state = board.state();
        this.medium = medium;
        this.cmdline = cmdline;
        this.root = root;
        if (root.openwrtOverlay()) {
            mounts.add(new Mount(root.device(), "/rom", root.type(), "ro,relatime,errors=continue", root.fs()));
            FileSystem upper = new FileSystem();
            upper.type = "f2fs";
            for (String d : new String[] {"/", "/upper", "/work"}) {
                upper.files.put(d, FileEntry.dir());
            }
            Partition ext = Extroot.overlayPartition(state.nvme, root.fs());
            if (!board.faults().overlayNotMounted) {
                mounts.add(ext != null ? new Mount("/dev/nvme0n1p" + ext.number, "/overlay", "ext4", "rw,relatime", ext.fs)
                        : new Mount("/dev/fitrw", "/overlay", "f2fs", "rw,lazytime,noatime", upper));
            }
            mounts.add(new Mount("overlayfs:/overlay", "/", "overlay", "rw,noatime,lowerdir=/,upperdir=/overlay/upper,workdir=/overlay/work,uuid=on", root.fs()));
        } else {
            mounts.add(new Mount(root.device(), "/", "ext4", "rw,relatime", root.fs()));
        }
        mounts.add(new Mount("proc", "/proc", "proc", "rw,nosuid,nodev,noexec,noatime", null));
        mounts.add(new Mount("sysfs", "/sys", "sysfs", "rw,nosuid,nodev,noexec,noatime", null));
        FileSystem tmp = new FileSystem();
        tmp.type = "tmpfs";
        tmp.files.put("/", FileEntry.dir());
        mounts.add(new Mount("tmpfs", "/tmp", "tmpfs", "rw,nosuid,nodev,noatime", tmp));
        mounts.add(new Mount("tmpfs", "/dev", "tmpfs", "rw,nosuid,noexec,noatime,size=512k,mode=755", null));
        vars.put("HOME", "/root");
        vars.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        vars.put("PS1", "\\u@\\h:\\w\\$ ");
    }

    public double uptime() {
        return 8.0 + (System.nanoTime() - bootNanos) / 1e9;
    }

    /** Prints a kernel log line on the console, as the kernel does for mounts and reboots. */
    public void kernelLine(String text) {
        long us = Math.round(uptime() * 1e6);
        board.println(String.format(Locale.ROOT, "[%5d.%06d] %s", us / 1_000_000, us % 1_000_000, text));
    }

    // ---- paths ----------------------------------------------------------------------------------

    public String abs(String p) {
        String path = p.startsWith("/") ? p : (cwd.equals("/") ? "" : cwd) + "/" + p;
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }

    public Where where(String absPath) {
        Mount best = null;
        for (Mount m : mounts) {
            if (absPath.equals(m.dir()) || absPath.startsWith(m.dir().equals("/") ? "/" : m.dir() + "/")) {
                if (best == null || m.dir().length() >= best.dir().length()) {
                    best = m;
                }
            }
        }
        String inner = best.dir().equals("/") ? absPath : absPath.substring(best.dir().length());
        return new Where(best, inner.isEmpty() ? "/" : inner);
    }

    public FileEntry lookup(String absPath) {
        Where w = where(absPath);
        if (w.mount().fs() == null) {
            if (w.inner().equals("/")) {
                return FileEntry.dir();
            }
            return virtualEntry(absPath);
        }
        return w.mount().fs().files.get(w.inner());
    }

    private FileEntry virtualEntry(String p) {
        if (!virtualDir(p).isEmpty()) {
            return FileEntry.dir();
        }
        byte[] v = virtualFile(p);
        if (v != null) {
            return FileEntry.file(v);
        }
        if (blockDevice(p) != null || p.startsWith("/dev/mtd") && mtdIndex(p) >= 0) {
            FileEntry e = FileEntry.sized(0, 0660, 0);
            e.kind = 'b';
            return e;
        }
        if (p.equals("/dev/null") || p.equals("/dev/zero") || p.equals("/dev/console") || p.equals("/dev/ttyS0")
                || p.equals("/dev/ubi0") && sysClass.ubiMtd() >= 0 || p.startsWith("/dev/ubi0_") && sysClass.volume(p.substring(5)) != null) {
            FileEntry e = FileEntry.sized(0, 0666, 0);
            e.kind = 'c';
            return e;
        }
        return null;
    }

    /** Children names of a directory, sorted. */
    public List<String> list(String absDir) {
        Where w = where(absDir);
        List<String> out = new ArrayList<>();
        if (w.mount().fs() != null) {
            String prefix = w.inner().equals("/") ? "/" : w.inner() + "/";
            for (String k : w.mount().fs().files.tailMap(prefix, false).keySet()) {
                if (!k.startsWith(prefix)) {
                    break;
                }
                String rest = k.substring(prefix.length());
                if (!rest.isEmpty() && !rest.contains("/")) {
                    out.add(rest);
                }
            }
        } else if (absDir.equals("/proc")) {
            out.addAll(List.of("cmdline", "cpuinfo", "filesystems", "meminfo", "modules", "mounts", "mtd", "partitions", "self", "version"));
        } else if (absDir.equals("/dev")) {
            out.addAll(devices());
        } else {
            out.addAll(virtualDir(absDir));
        }
        for (Mount m : mounts) {
            String parent = m.dir().equals("/") ? null : m.dir().substring(0, m.dir().lastIndexOf('/'));
            if (parent != null && (parent.isEmpty() ? "/" : parent).equals(absDir)) {
                String name = m.dir().substring(m.dir().lastIndexOf('/') + 1);
                if (!out.contains(name)) {
                    out.add(name);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Writes a file (creating or replacing it); false when its directory is missing or read-only. */
    public String put(String absPath, FileEntry e) {
        Where w = where(absPath);
        if (w.mount().fs() == null) {
            return "Permission denied";
        }
        if (w.mount().opts().startsWith("ro")) {
            return "Read-only file system";
        }
        String parent = parentOf(w.inner());
        FileEntry pd = w.mount().fs().files.get(parent);
        if (pd == null || pd.kind != 'd') {
            return pd == null ? "No such file or directory" : "Not a directory";
        }
        w.mount().fs().files.put(w.inner(), e);
        return null;
    }

    public boolean remove(String absPath) {
        Where w = where(absPath);
        if (w.mount().fs() == null) {
            return false;
        }
        TreeMap<String, FileEntry> files = w.mount().fs().files;
        if (files.remove(w.inner()) == null) {
            return false;
        }
        files.subMap(w.inner() + "/", w.inner() + "0").clear();
        return true;
    }

    public static String parentOf(String p) {
        int i = p.lastIndexOf('/');
        return i <= 0 ? "/" : p.substring(0, i);
    }

    // ---- devices ---------------------------------------------------------------------------------

    /** MTD partitions in Linux order. */
    public List<BoardProfile.Part> mtdParts() {
        if (state.nand == null) {
            return List.of();
        }
        return state.profile().layout(Media.nandLayoutKey(state)).partitions();
    }

    public int mtdIndex(String dev) {
        String n = dev.replace("/dev/mtdblock", "").replace("/dev/mtd", "");
        try {
            int i = Integer.parseInt(n);
            return i < mtdParts().size() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The MMC device Linux sees as mmcblk0 (eMMC, or the SD card when booted from SD). */
    public MmcDevice mmc() {
        return Media.mmc0(state);
    }

    /** A block device: [size in bytes, major, minor], or null when absent. */
    public long[] blockDevice(String dev) {
        Disk d = state.nvme;
        if (nvmeVisible()) {
            if (dev.equals("/dev/nvme0n1")) {
                return new long[] {d.size, 259, 0};
            }
            Partition p = NvmeNames.partition(d, dev);
            if (p != null) {
                return new long[] {p.size, 259, p.number};
            }
        }
        MmcDevice m = mmc();
        if (m != null) {
            if (dev.equals("/dev/mmcblk0")) {
                return new long[] {m.user.size(), 179, 0};
            }
            if (dev.equals("/dev/mmcblk0boot0") && m.boot0 != null) {
                return new long[] {m.boot0.size(), 179, 8};
            }
            if (dev.startsWith("/dev/mmcblk0p")) {
                try {
                    int n = Integer.parseInt(dev.substring("/dev/mmcblk0p".length()));
                    for (Partition p : m.partitions) {
                        if (p.number == n) {
                            return new long[] {p.size, 179, n};
                        }
                    }
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        if (dev.startsWith("/dev/mtdblock")) {
            int i = mtdIndex(dev);
            if (i >= 0) {
                return new long[] {mtdParts().get(i).size(), 31, i};
            }
        }
        return null;
    }

    /** An SSD is fitted and the kernel has a driver for it. */
    public boolean nvmeVisible() {
        return state.nvme != null && state.nvme.present && !"none".equals(state.nvme.driver) && !nvmeUnloaded;
    }

    /** /proc/modules: stock OpenWrt loads its drivers as modules (kmod-nvme among them when installed). */
    private String procModules() {
        StringBuilder b = new StringBuilder();
        if (nvmeVisible() && "module".equals(state.nvme.driver)) {
            b.append("nvme 45056 0 - Live 0xffffffc0011c0000\nnvme_core 98304 1 nvme, Live 0xffffffc001190000\n");
        }
        return b.append("mt7996e 294912 0 - Live 0xffffffc001100000\nmt76_connac_lib 53248 1 mt7996e, Live 0xffffffc0010e0000\n")
                .append("sfp 36864 0 - Live 0xffffffc0010c0000\n").toString();
    }

    private List<String> devices() {
        List<String> out = new ArrayList<>(List.of("console", "null", "ttyS0", "zero"));
        for (int i = 0; i < mtdParts().size(); i++) {
            out.add("mtd" + i);
            out.add("mtdblock" + i);
        }
        if (nvmeVisible()) {
            out.add("nvme0");
            out.add("nvme0n1");
            for (Partition p : state.nvme.partitions) {
                out.add("nvme0n1p" + p.number);
            }
        }
        if (sysClass.ubiMtd() >= 0) {
            out.add("ubi0");
            for (int i = 0; i < sysClass.volumes().size(); i++) {
                out.add("ubi0_" + i);
            }
        }
        if (mmc() != null) {
            out.add("mmcblk0");
            for (Partition p : mmc().partitions) {
                out.add("mmcblk0p" + p.number);
            }
            if (mmc().boot0 != null) {
                out.add("mmcblk0boot0");
            }
        }
        return out;
    }

    /** Network interfaces and their MAC addresses (sysfs), as OpenWrt names them on the BPI-R4. */
    private static final Map<String, String> NET = new java.util.LinkedHashMap<>();
    static {
        NET.put("eth0", "3a:6c:1e:52:7b:01");
        NET.put("eth1", "3a:6c:1e:52:7b:02");
        NET.put("eth2", "3a:6c:1e:52:7b:03");
        NET.put("lo", "00:00:00:00:00:00");
        NET.put("wan", "3a:6c:1e:52:7b:01");
    }

    /** Entries of virtual directories under /sys and /proc (empty when not one). */
    private List<String> virtualDir(String p) {
        return switch (p) {
            case "/sys" -> List.of("block", "class");
            case "/sys/class" -> List.of("block", "mtd", "net", "ubi");
            case "/sys/class/net" -> List.copyOf(NET.keySet());
            case "/sys/block" -> blockRows().stream().filter(r -> r.parent() == null).map(BlockRow::name).toList();
            case "/proc/sys" -> List.of("kernel", "vm");
            case "/proc/self" -> List.of("mountinfo");
            case "/proc/sys/kernel", "/proc/sys/vm", "/proc/device-tree" -> List.of(p.endsWith("kernel") ? "hostname"
                    : p.endsWith("vm") ? "drop_caches" : "serial-number");
            default -> {
                if (p.startsWith("/sys/class/net/") && NET.containsKey(p.substring(15))) {
                    yield List.of("address");
                }
                if (p.startsWith("/sys/class/")) {
                    yield sysClass.dir(p);
                }
                String dev = sysBlock(p);
                yield dev == null ? List.of() : sysClass.dir(dev);
            }
        };
    }

    /** The path of a program the shell would run, or null when this build lacks it. */
    public String programPath(String name) {
        if (shell == null || !shell.knows(name) || missingProgram(name)) {
            return null;
        }
        for (String dir : vars.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (lookup(dir + "/" + name) != null) {
                return dir + "/" + name;
            }
        }
        return "/bin/" + name; // a BusyBox applet
    }

    /** Programs that come from packages: absent when their file is not on the root filesystem. */
    public boolean missingProgram(String name) {
        String path = RootFs.PACKAGED.get(name);
        return path != null && lookup(path) == null;
    }

    /** Contents of /proc and /sys files, or null. */
    public byte[] virtualFile(String p) {
        if (p.startsWith("/sys/class/net/") && p.endsWith("/address")) {
            String mac = NET.get(p.substring(15, p.length() - 8));
            return mac == null ? null : (mac + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (p.startsWith("/sys/class/") && !p.startsWith("/sys/class/net/")) {
            return sysClass.file(p);
        }
        if (p.equals("/sys/block/mmcblk0/device/type") && mmc() != null) {
            // drivers/mmc/core/bus.c: "SD" for a card, "MMC" for eMMC
            return (mmc() == state.sd ? "SD\n" : "MMC\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (p.startsWith("/sys/block/")) {
            String dev = sysBlock(p);
            return dev == null ? null : sysClass.file(dev);
        }
        if (p.equals("/proc/device-tree/serial-number")) {
            return "R4SIM0000001\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        String s = switch (p) {
            case "/proc/sys/kernel/hostname" -> "OpenWrt\n";
            case "/proc/sys/vm/drop_caches" -> "0\n";
            case "/proc/cmdline" -> cmdline + "\n";
            case "/proc/mtd" -> procMtd();
            case "/proc/partitions" -> procPartitions();
            case "/proc/mounts" -> procMounts();
            case "/proc/modules" -> procModules();
            case "/proc/filesystems" -> "nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\toverlay\n\tsquashfs\n\text4\n\tf2fs\n";
            case "/proc/self/mountinfo" -> mountinfo();
            case "/proc/version" -> "Linux version " + kernelRelease + " (builder@buildhost) (aarch64-openwrt-linux-musl-gcc (OpenWrt GCC 13.3.0 r28597-0425664679) 13.3.0, GNU ld (GNU Binutils) 2.42) #0 SMP Sun Apr 13 16:38:32 2025\n";
            case "/proc/meminfo" -> String.format("MemTotal:       %d kB\nMemFree:        %d kB\nMemAvailable:   %d kB\n",
                    state.ramGiB * 1024L * 1024 - 180_000, state.ramGiB * 1024L * 1024 - 420_000, state.ramGiB * 1024L * 1024 - 390_000);
            case "/proc/cpuinfo" -> "processor\t: 0\nBogoMIPS\t: 26.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd09\n\nprocessor\t: 1\n\nprocessor\t: 2\n\nprocessor\t: 3\n";
            default -> null;
        };
        return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * /sys/block/NAME/... is the whole disk's device directory, the same as /sys/class/block/NAME/...:
     * that path, or null when {@code p} names no whole disk.
     */
    private String sysBlock(String p) {
        String[] f = p.split("/", 5);
        if (f.length < 4 || !f[1].equals("sys") || !f[2].equals("block")
                || blockRows().stream().noneMatch(r -> r.parent() == null && r.name().equals(f[3]))) {
            return null;
        }
        return "/sys/class/block/" + f[3] + (f.length == 5 ? "/" + f[4] : "");
    }

    private static final String FORCE_RO = "/sys/class/block/mmcblk0boot0/force_ro";

    /**
     * Virtual files a root shell may write: {@code /proc/sys/vm/drop_caches} (the sim keeps no page
     * cache) and the eMMC boot0 {@code force_ro}.
     */
    public boolean writableVirtual(String p) {
        return p.equals("/proc/sys/vm/drop_caches") || FORCE_RO.equals(p.startsWith("/sys/block/") ? sysBlock(p) : p)
                && mmc() != null && mmc().boot0 != null;
    }

    /** Writes a virtual file; null when accepted, else the error text. */
    public String writeVirtual(String p, byte[] data) {
        String v = new String(data, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.endsWith("/force_ro")) {
            // kstrtoul: any number; non-zero makes the area read-only
            if (!v.matches("\\d{1,9}")) {
                return "Invalid argument";
            }
            boot0ForceRo = Long.parseLong(v) != 0;
            return null;
        }
        if (board.faults().dropCachesFails) {
            return "Permission denied";
        }
        return v.matches("[123]") ? null : "Invalid argument";
    }

    private String procMtd() {
        StringBuilder b = new StringBuilder("dev:    size   erasesize  name\n");
        int i = 0;
        for (BoardProfile.Part p : mtdParts()) {
            b.append(String.format("mtd%d: %08x %08x \"%s\"\n", i++, p.size(), 0x20000, p.name()));
        }
        return b.toString();
    }

    public record BlockRow(String name, long major, long minor, long size, boolean ro, String type, String parent) {
    }

    /** Every block device in /proc/partitions order. */
    public List<BlockRow> blockRows() {
        List<BlockRow> rows = new ArrayList<>();
        int i = 0;
        for (BoardProfile.Part p : mtdParts()) {
            rows.add(new BlockRow("mtdblock" + i, 31, i, p.size(), p.name().equals("bl2"), "disk", null));
            i++;
        }
        MmcDevice m = mmc();
        if (m != null) {
            rows.add(new BlockRow("mmcblk0", 179, 0, m.user.size(), false, "disk", null));
            for (Partition p : m.partitions) {
                rows.add(new BlockRow("mmcblk0p" + p.number, 179, p.number, p.size, false, "part", "mmcblk0"));
            }
            if (m.boot0 != null) {
                // the boot area is its own disk after the user area's partitions (minor 8: 8 minors per MMC disk)
                rows.add(new BlockRow("mmcblk0boot0", 179, 8, m.boot0.size(), boot0ForceRo, "disk", null));
            }
        }
        if (root.openwrtOverlay() && !root.type().equals("initramfs")) {
            if (medium == Medium.SNAND) {
                rows.add(new BlockRow("ubiblock0_4", 254, 0, 9_437_184, true, "disk", null));
            }
            rows.add(new BlockRow("fit0", 259, 0, 8_912_896, true, "disk", null));
            rows.add(new BlockRow("fitrw", 259, 1, 93_323_264, false, "disk", null));
        }
        Disk d = state.nvme;
        if (nvmeVisible()) {
            int base = root.openwrtOverlay() && !root.type().equals("initramfs") ? 2 : 0;
            rows.add(new BlockRow("nvme0n1", 259, base, d.size, false, "disk", null));
            for (Partition p : d.partitions) {
                rows.add(new BlockRow("nvme0n1p" + p.number, 259, base + p.number, p.size, false, "part", "nvme0n1"));
            }
        }
        return rows;
    }

    private String procPartitions() {
        StringBuilder b = new StringBuilder("major minor  #blocks  name\n\n");
        for (BlockRow r : blockRows()) {
            b.append(String.format("%4d  %7d %10d %s\n", r.major(), r.minor(), r.size() / 1024, r.name()));
        }
        return b.toString();
    }

    private String procMounts() {
        StringBuilder b = new StringBuilder();
        for (Mount m : mounts) {
            b.append(m.device()).append(' ').append(m.dir()).append(' ').append(m.type()).append(' ').append(m.opts()).append(" 0 0\n");
        }
        return b.toString();
    }

    /**
     * The mount of a block device, found by device number as the kernel does (so {@code /dev/root}
     * is the partition it was mounted from), or null.
     */
    public Mount mountOf(String device) {
        String want = devNumber(device);
        for (Mount m : mounts) {
            if (m.device().equals(device) || want != null && want.equals(devNumber(m.device()))) {
                return m;
            }
        }
        return null;
    }

    /** Whether a partition of the SSD is mounted (by device number: the root may be {@code /dev/root}). */
    public boolean nvmeInUse() {
        return state.nvme != null && state.nvme.partitions.stream().anyMatch(p -> mountOf("/dev/nvme0n1p" + p.number) != null);
    }

    /** "major:minor" of a block device node ({@code /dev/root} is the root's source), or null. */
    String devNumber(String device) {
        String name = device.equals("/dev/root") ? root.source() : device.startsWith("/dev/") ? device.substring(5) : null;
        for (BlockRow r : name == null ? List.<BlockRow>of() : blockRows()) {
            if (r.name().equals(name)) {
                return r.major() + ":" + r.minor();
            }
        }
        return null;
    }

    /** /proc/self/mountinfo (Documentation/filesystems/proc.rst §3.5); virtual filesystems get anonymous 0:N numbers. */
    private String mountinfo() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            String dev = devNumber(m.device());
            b.append(20 + i).append(' ').append(i == 0 ? 1 : 20).append(' ').append(dev == null ? "0:" + (20 + i) : dev)
                    .append(" / ").append(m.dir()).append(' ').append(m.opts()).append(" - ").append(m.type()).append(' ')
                    .append(m.device()).append(' ').append(m.opts()).append('\n');
        }
        return b.toString();
    }

    private Shell shell;

    void attach(Shell sh) {
        shell = sh;
    }

    /** Writes what a program printed so far, before a kernel line appears on the console. */
    void flushFor(Io io) {
        if (shell != null) {
            shell.flush(io);
        }
    }
}
