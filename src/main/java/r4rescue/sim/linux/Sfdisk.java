package r4rescue.sim.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import r4rescue.sim.state.Disk;
import r4rescue.sim.state.Partition;

/**
 * util-linux {@code sfdisk DEVICE} reading a script from stdin ({@code label: gpt},
 * {@code size=8G, name=root-A}, {@code start=..., size=..., type=...}, short {@code ,8G} and
 * {@code ;} lines). Refuses a disk with mounted partitions, as the real one does.
 */
final class Sfdisk implements Program {

    private static final long FIRST = 2048L * 512;

    @Override
    public int run(LinuxSystem s, List<String> a, Io io) {
        List<String> pos = new ArrayList<>();
        boolean force = false;
        for (int i = 1; i < a.size(); i++) {
            String x = a.get(i);
            if (x.equals("--force") || x.equals("-f")) {
                force = true;
            } else if (List.of("--wipe", "-w", "--wipe-partitions", "-W", "--label", "-X").contains(x) && i + 1 < a.size()) {
                i++; // option with a value (wiping old signatures: the sim's new partitions carry none anyway)
            } else if (!x.startsWith("-")) {
                pos.add(x);
            }
        }
        if (a.contains("-l") || a.contains("--list")) {
            Disk d = s.state.nvme;
            if (d != null && d.present) {
                DiskCommands.printTable(io, "/dev/nvme0n1", d);
            }
            return 0;
        }
        if (pos.isEmpty()) {
            io.error("sfdisk: no disk device specified");
            return 1;
        }
        String dev = pos.get(0);
        Disk d = s.state.nvme;
        if (!dev.equals("/dev/nvme0n1") || d == null || !d.present) {
            io.error("sfdisk: cannot open " + dev + ": No such file or directory");
            return 1;
        }
        io.print("Checking that no-one is using this disk right now ...");
        boolean busy = s.nvmeInUse();
        if (busy && !force) {
            io.println(" FAILED");
            io.println("");
            io.println("This disk is currently in use - repartitioning is probably a bad idea.");
            io.println("Umount all file systems, and swapoff all swap partitions on this disk.");
            io.println("Use the --no-reread flag to suppress this check.");
            io.println("");
            io.error("sfdisk: Use the --force flag to overrule all checks.");
            return 1;
        }
        io.println(" OK");
        io.println("");
        Disk shown = new Disk();
        shown.size = d.size;
        shown.model = d.model;
        DiskCommands.printTable(io, dev, shown);
        io.println("");
        List<Partition> parts = new ArrayList<>();
        long next = FIRST;
        long end = d.size - 34 * 512;
        String label = "dos";
        int num = 1;
        for (String raw : io.stdinText().split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.matches("^[a-z-]+:.*")) {
                String key = line.substring(0, line.indexOf(':')).trim();
                String val = line.substring(line.indexOf(':') + 1).trim();
                if (key.equals("label")) {
                    label = val;
                    io.println(">>> Script header accepted.");
                }
                continue;
            }
            Long start = null;
            Long size = null;
            String name = null;
            String type = null;
            if (line.contains("=")) {
                for (String f : line.split("[,]")) {
                    String[] kv = f.trim().split("=", 2);
                    if (kv.length < 2) {
                        continue;
                    }
                    switch (kv[0].trim()) {
                        case "start" -> start = sectorsOrBytes(kv[1].trim(), true);
                        case "size" -> size = sectorsOrBytes(kv[1].trim(), false);
                        case "name" -> name = kv[1].trim().replace("\"", "");
                        case "type" -> type = kv[1].trim();
                        default -> {
                        }
                    }
                }
            } else if (!line.equals(";")) {
                String[] f = line.split("[,\\s]+", -1);
                if (f.length > 0 && !f[0].isEmpty()) {
                    start = sectorsOrBytes(f[0], true);
                }
                if (f.length > 1 && !f[1].isEmpty() && !f[1].equals("+")) {
                    size = sectorsOrBytes(f[1], false);
                }
            }
            long st = start == null ? next : start;
            long sz = size == null ? end - st : size;
            if (sz <= 0 || st + sz > end || st < FIRST) {
                io.println(String.format("%sp%d: Failed to add #%d partition: Numerical result out of range", dev, num, num));
                io.error("sfdisk: Failed to apply script headers, disk label not created.");
                return 1;
            }
            if (num == 1 && label.equals("gpt")) {
                io.println(">>> Created a new GPT disklabel (GUID: 3B5A2C4E-7C1D-4F9A-9E51-2B4D6A8C0E12).");
            } else if (num == 1) {
                io.println(">>> Created a new DOS (MBR) disklabel with disk identifier 0x5c2e9a1b.");
            }
            Partition p = new Partition(num, name, st, sz, type != null ? type
                    : label.equals("gpt") ? "0FC63DAF-8483-4772-8E79-3D69D8477DE4" : "83");
            parts.add(p);
            io.println(String.format(Locale.ROOT, "%sp%d: Created a new partition %d of type 'Linux filesystem' and of size %s.",
                    dev, num, num, niceSize(sz)));
            next = st + sz;
            num++;
        }
        io.println(String.format("%sp%d: Done.", dev, num));
        io.println("");
        d.label = label;
        d.raw = null;
        d.partitions = parts;
        io.println("New situation:");
        DiskCommands.printTable(io, dev, d);
        io.println("");
        io.println("The partition table has been altered.");
        io.println("Calling ioctl() to re-read partition table.");
        io.println("Syncing disks.");
        return 0;
    }

    private static String niceSize(long b) {
        String h = DiskCommands.human(b);
        return h.replace("K", " KiB").replace("M", " MiB").replace("G", " GiB").replace("T", " TiB");
    }

    /** "8G", "512M", "+1G" are bytes; plain numbers are sectors. */
    private static Long sectorsOrBytes(String v, boolean start) {
        String t = v.replace("+", "").replaceFirst("(?i)iB$", "").trim();
        if (t.isEmpty()) {
            return null;
        }
        char u = Character.toUpperCase(t.charAt(t.length() - 1));
        long mul = switch (u) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            case 'T' -> 1L << 40;
            default -> 0;
        };
        if (mul == 0) {
            return Long.parseLong(t) * 512;
        }
        String n = t.substring(0, t.length() - 1).replace("iB", "");
        return (long) (Double.parseDouble(n) * mul);
    }
}
