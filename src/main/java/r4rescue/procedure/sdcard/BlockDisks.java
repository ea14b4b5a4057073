package r4rescue.procedure.sdcard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * The host's whole disks as the kernel lists them in {@code /sys/block}, with what each holds:
 * removable flag, transport, model, size, partitions with their labels and mount points, and
 * whether a system path ({@code /}, {@code /boot}, {@code /home}, swap …) lives on it. Read from
 * sysfs, {@code /proc/self/mountinfo}, {@code /proc/swaps} and udev's database rather than lsblk,
 * so the same code runs in tests over a made-up tree (the roots are parameters). Mounts are matched
 * by major:minor, which also catches a root the kernel mounted itself ({@code /dev/root}) and a
 * root on device-mapper/RAID (followed down through {@code slaves/}).
 */
public final class BlockDisks {

    /** Mount points whose disk is never offered and never written, even with {@code --unsafe}. */
    static final Set<String> SYSTEM_PATHS = Set.of("/", "/boot", "/boot/efi", "/efi", "/home", "/usr", "/var");
    static final long ONE_TB = 1_000_000_000_000L;

    public record Partition(String name, String label, String fsType, List<String> mountPoints) {
    }

    /**
     * One whole disk. {@code mountPoints} are those of a filesystem on the whole disk (a card
     * formatted without a partition table). {@code system} names the system paths on it (never writable); {@code hiddenWhy}
     * why it is not a card ({@code null} for a card: removable, not a system disk, up to 1 TB).
     */
    public record Disk(String name, String path, long sizeBytes, boolean removable, String transport, String model,
                       List<String> mountPoints, List<Partition> partitions, List<String> system, String hiddenWhy) {
        public boolean card() {
            return hiddenWhy == null;
        }

        /** Why writing here is refused with or without {@code --unsafe}, or empty when allowed. */
        public Optional<Message> refusal(boolean unsafe) {
            if (!system.isEmpty()) {
                return Optional.of(Message.of("sdcard.refuse.systemDisk", path, String.join(", ", system)));
            }
            return unsafe || hiddenWhy == null ? Optional.empty()
                    : Optional.of(Message.of("sdcard.refuse.notCard", path, hiddenWhy));
        }

        /** E.g. "/dev/sdb  31.9 GB  usb  Generic STORAGE DEVICE  [sdb1 boot (vfat), sdb2 rootfs (ext4)]". */
        public String line() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-14s %9s  %-5s %s", path, size(sizeBytes),
                    transport, model.isEmpty() ? "(no model)" : model));
            if (!mountPoints.isEmpty()) {
                b.append(" on ").append(String.join(",", mountPoints));
            }
            if (!partitions.isEmpty()) {
                b.append("  [");
                for (int i = 0; i < partitions.size(); i++) {
                    Partition p = partitions.get(i);
                    b.append(i == 0 ? "" : ", ").append(p.name());
                    if (p.label() != null) {
                        b.append(" \"").append(p.label()).append('"');
                    }
                    if (p.fsType() != null) {
                        b.append(" (").append(p.fsType()).append(')');
                    }
                    if (!p.mountPoints().isEmpty()) {
                        b.append(" on ").append(String.join(",", p.mountPoints()));
                    }
                }
                b.append(']');
            }
            return b.toString();
        }
    }

    private final Path sys;
    private final Path proc;
    private final Path udev;
    private final Path dev;

    public BlockDisks(Path sys, Path proc, Path udev, Path dev) {
        this.sys = sys;
        this.proc = proc;
        this.udev = udev;
        this.dev = dev;
    }

    /** This computer's. */
    public static BlockDisks host() {
        return new BlockDisks(Path.of("/sys"), Path.of("/proc"), Path.of("/run/udev/data"), Path.of("/dev"));
    }

    /** The disks a user may pick: cards only, or every disk not holding a system path with {@code unsafe}. */
    public List<Disk> cards(boolean unsafe) throws IOException {
        return all().stream().filter(d -> d.system().isEmpty() && (unsafe || d.card())).toList();
    }

    /** The whole disk {@code device} names (a partition names its disk), or empty if it is no block device here. */
    public Optional<Disk> find(Path device) throws IOException {
        if (!Files.exists(device)) {
            return Optional.empty();
        }
        String name = device.toRealPath().getFileName().toString();
        Path part = sys.resolve("class/block").resolve(name);
        String disk = Files.isRegularFile(sys.resolve("block").resolve(name).resolve("dev")) ? name
                : Files.isRegularFile(part.resolve("partition")) ? part.toRealPath().getParent().getFileName().toString() : name;
        return all().stream().filter(d -> d.name().equals(disk)).findFirst();
    }

    public List<Disk> all() throws IOException {
        Map<String, String> diskOf = new HashMap<>();
        List<String> names;
        try (Stream<Path> s = Files.list(sys.resolve("block"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String n : names) {
            diskOf.put(read(sys.resolve("block").resolve(n).resolve("dev")), n);
            for (String p : partitionNames(n)) {
                diskOf.put(read(sys.resolve("block").resolve(n).resolve(p).resolve("dev")), n);
            }
        }
        Map<String, List<String>> mountsByDevice = mounts();
        Map<String, Set<String>> systemOf = new HashMap<>();
        mountsByDevice.forEach((majMin, points) -> points.stream().filter(SYSTEM_PATHS::contains)
                .forEach(pt -> disksUnder(majMin, diskOf, 0).forEach(d -> systemOf.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(pt))));
        for (String swap : swaps()) {
            Path node = Path.of(swap);
            String base = node.getFileName().toString();
            String majMin = Files.isRegularFile(sys.resolve("class/block").resolve(base).resolve("dev"))
                    ? read(sys.resolve("class/block").resolve(base).resolve("dev")) : null;
            if (majMin != null) {
                disksUnder(majMin, diskOf, 0).forEach(d -> systemOf.computeIfAbsent(d, k -> new LinkedHashSet<>()).add("swap"));
            }
        }
        List<Disk> disks = new ArrayList<>();
        for (String n : names) {
            Path b = sys.resolve("block").resolve(n);
            long size = Long.parseLong(read(b.resolve("size"))) * 512;
            boolean removableFlag = "1".equals(read(b.resolve("removable")));
            String transport = transport(n, b);
            String model = (readOr(b.resolve("device/vendor"), "") + " " + readOr(b.resolve("device/model"), readOr(b.resolve("device/name"), ""))).trim();
            List<Partition> parts = new ArrayList<>();
            for (String p : partitionNames(n)) {
                String mm = read(b.resolve(p).resolve("dev"));
                Map<String, String> props = udevProps(mm);
                parts.add(new Partition(p, props.get("ID_FS_LABEL"), props.get("ID_FS_TYPE"), mountsByDevice.getOrDefault(mm, List.of())));
            }
            boolean sdSlot = transport.equals("mmc") && "SD".equals(readOr(b.resolve("device/type"), ""));
            boolean removable = removableFlag || transport.equals("usb") || sdSlot;
            // English: hiddenWhy is also a --json field
            String hidden = n.startsWith("loop") || n.startsWith("zram") || n.startsWith("ram") ? Texts.en("sdcard.hidden.virtual", transport)
                    : size > ONE_TB ? Texts.en("sdcard.hidden.huge")
                    : !removable ? Texts.en("sdcard.hidden.fixed", transport)
                    : size == 0 ? Texts.en("sdcard.hidden.empty") : null;
            List<String> system = List.copyOf(systemOf.getOrDefault(n, Set.of()));
            disks.add(new Disk(n, dev.resolve(n).toString(), size, removable, transport, model,
                    mountsByDevice.getOrDefault(read(b.resolve("dev")), List.of()), parts, system,
                    system.isEmpty() ? hidden : Texts.en("sdcard.hidden.system", String.join(", ", system))));
        }
        return disks;
    }

    /** Whole disks under {@code majMin}: its own disk, or for device-mapper/RAID the disks of its slaves. */
    private Set<String> disksUnder(String majMin, Map<String, String> diskOf, int depth) {
        Set<String> out = new LinkedHashSet<>();
        String disk = diskOf.get(majMin);
        if (disk == null || depth > 8) {
            return out;
        }
        out.add(disk);
        Path slaves = sys.resolve("block").resolve(disk).resolve("slaves");
        if (Files.isDirectory(slaves)) {
            try (Stream<Path> s = Files.list(slaves)) {
                for (Path sl : s.toList()) {
                    String mm = readOr(sys.resolve("class/block").resolve(sl.getFileName()).resolve("dev"), null);
                    if (mm != null) {
                        out.addAll(disksUnder(mm, diskOf, depth + 1));
                    }
                }
            } catch (IOException e) {
                // a slave vanishing while listed: the disk itself is still marked
            }
        }
        return out;
    }

    private List<String> partitionNames(String disk) throws IOException {
        try (Stream<Path> s = Files.list(sys.resolve("block").resolve(disk))) {
            return s.filter(p -> p.getFileName().toString().startsWith(disk) && Files.isRegularFile(p.resolve("partition")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String transport(String name, Path b) throws IOException {
        String bus = udevProps(read(b.resolve("dev"))).get("ID_BUS");
        if (bus != null) {
            return bus;
        }
        if (name.startsWith("mmcblk")) {
            return "mmc";
        }
        if (name.startsWith("nvme")) {
            return "nvme";
        }
        if (name.startsWith("loop") || name.startsWith("zram") || name.startsWith("ram")) {
            return name.replaceAll("[0-9]+$", "");
        }
        // Without udev (containers): the device's sysfs path says which bus it hangs on.
        String real = b.toRealPath().toString();
        return real.contains("/usb") ? "usb" : real.contains("/virtio") ? "virtio" : real.contains("/ata") ? "ata" : "other";
    }

    /** major:minor → mount points, from mountinfo (field 3). */
    private Map<String, List<String>> mounts() throws IOException {
        Map<String, List<String>> m = new HashMap<>();
        for (String line : Files.readAllLines(proc.resolve("self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4) {
                m.computeIfAbsent(f[2], k -> new ArrayList<>()).add(f[4].replace("\\040", " "));
            }
        }
        return m;
    }

    private List<String> swaps() throws IOException {
        Path p = proc.resolve("swaps");
        if (!Files.exists(p)) {
            return List.of();
        }
        return Files.readAllLines(p).stream().skip(1).map(l -> l.split("\\s+")[0]).filter(s -> !s.isEmpty()).toList();
    }

    private Map<String, String> udevProps(String majMin) {
        Map<String, String> props = new HashMap<>();
        Path f = udev.resolve("b" + majMin);
        try {
            for (String l : Files.readAllLines(f)) {
                int eq = l.indexOf('=');
                if (l.startsWith("E:") && eq > 2) {
                    props.put(l.substring(2, eq), l.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // no udev database (containers, CI): transport falls back to the sysfs path, no labels
        }
        return props;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p).trim();
    }

    private static String readOr(Path p, String fallback) {
        try {
            return read(p);
        } catch (IOException e) {
            return fallback;
        }
    }

    /** Decimal units, as card makers print them on the card. */
    public static String size(long bytes) {
        return bytes >= 1_000_000_000L ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
