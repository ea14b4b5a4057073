package r4rescue.sim.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import r4rescue.sim.state.Disk;
import r4rescue.sim.state.Partition;

/**
 * util-linux fdisk on the NVMe SSD: {@code fdisk -l [DEV]}, and the interactive dialogue of the
 * boot guide (n, p, partition number, first and last sector with defaults or +size, g, o, d, p,
 * w, q). Changes apply only on {@code w}.
 */
final class Fdisk implements Program {

    private static final long FIRST = 2048;

    @Override
    public int run(LinuxSystem s, List<String> a, Io io) {
        List<String> devs = new ArrayList<>(a.subList(1, a.size()));
        boolean list = devs.remove("-l");
        Disk d = s.state.nvme;
        if (list && devs.isEmpty() && d != null && d.present) {
            devs.add("/dev/nvme0n1");
        }
        if (devs.isEmpty()) {
            io.error("Usage:\n fdisk [options] <disk>         change partition table\n fdisk [options] -l [<disk>...] list partition table(s)");
            return 1;
        }
        String dev = devs.get(0);
        if (!dev.equals("/dev/nvme0n1") || d == null || !d.present) {
            io.error("fdisk: cannot open " + dev + ": No such file or directory");
            return 1;
        }
        if (list) {
            DiskCommands.printTable(io, dev, d);
            return 0;
        }
        return interactive(s, dev, d, io);
    }

    private int interactive(LinuxSystem s, String dev, Disk d, Io io) {
        io.println("");
        io.println("Welcome to fdisk (util-linux 2.40.2).");
        io.println("Changes will remain in memory only, until you decide to write them.");
        io.println("Be careful before using the write command.");
        io.println("");
        String label = d.label;
        List<Partition> parts = new ArrayList<>();
        for (Partition p : d.partitions) {
            parts.add(new Partition(p.number, p.name, p.start, p.size, p.type));
            parts.get(parts.size() - 1).fs = p.fs;
        }
        if (label == null) {
            io.println("Device does not contain a recognized partition table.");
            io.println("Created a new DOS (MBR) disklabel with disk identifier 0x5c2e9a1b.");
            label = "dos";
        }
        long lastSector = d.size / 512 - (label.equals("gpt") ? 34 : 1);
        while (true) {
            io.println("");
            String cmd = io.askLine("Command (m for help): ");
            if (cmd == null) {
                return 1; // end of piped input without w: nothing written
            }
            switch (cmd.trim()) {
                case "m" -> io.println("\nHelp:\n\n  DOS (MBR)\n   a   toggle a bootable flag\n\n  Generic\n   d   delete a partition\n   n   add a new partition\n   p   print the partition table\n   t   change a partition type\n\n  Misc\n   m   print this menu\n\n  Save & Exit\n   w   write table to disk and exit\n   q   quit without saving changes\n\n  Create a new label\n   g   create a new empty GPT partition table\n   o   create a new empty MBR (DOS) partition table");
                case "g", "o" -> {
                    label = cmd.trim().equals("g") ? "gpt" : "dos";
                    parts.clear();
                    lastSector = d.size / 512 - (label.equals("gpt") ? 34 : 1);
                    io.println(label.equals("gpt") ? "Created a new GPT disklabel (GUID: 3B5A2C4E-7C1D-4F9A-9E51-2B4D6A8C0E12)."
                            : "Created a new DOS (MBR) disklabel with disk identifier 0x5c2e9a1b.");
                }
                case "p" -> {
                    Disk view = new Disk();
                    view.size = d.size;
                    view.model = d.model;
                    view.label = label;
                    view.partitions = parts;
                    DiskCommands.printTable(io, dev, view);
                }
                case "d" -> {
                    if (parts.isEmpty()) {
                        io.println("No partition is defined yet!");
                    } else {
                        String n = io.askLine("Partition number (1-" + parts.size() + ", default " + parts.size() + "): ");
                        int num = n == null || n.isBlank() ? parts.get(parts.size() - 1).number : Integer.parseInt(n.trim());
                        parts.removeIf(p -> p.number == num);
                        io.println("");
                        io.println("Partition " + num + " has been deleted.");
                    }
                }
                case "n" -> addPartition(io, label, parts, lastSector);
                case "w" -> {
                    if (s.nvmeInUse()) {
                        io.println("The partition table has been altered.");
                        io.println("Calling ioctl() to re-read partition table.");
                        io.error("Re-reading the partition table failed.: Device or resource busy");
                        return 1;
                    }
                    d.label = label;
                    d.raw = null;
                    d.partitions = parts;
                    io.println("The partition table has been altered.");
                    io.println("Calling ioctl() to re-read partition table.");
                    io.println("Syncing disks.");
                    return 0;
                }
                case "q" -> {
                    return 0;
                }
                case "" -> {
                }
                default -> io.println(cmd.trim() + ": unknown command");
            }
        }
    }

    private void addPartition(Io io, String label, List<Partition> parts, long lastSector) {
        int max = label.equals("gpt") ? 128 : 4;
        if (label.equals("dos")) {
            io.println("Partition type");
            io.println("   p   primary (" + parts.size() + " primary, 0 extended, " + (4 - parts.size()) + " free)");
            io.println("   e   extended (container for logical partitions)");
            String t = io.askLine("Select (default p): ");
            if (t != null && t.trim().equals("e")) {
                io.println("Extended partitions are not supported here.");
                return;
            }
        }
        int free = 1;
        while (numberUsed(parts, free)) {
            free++;
        }
        if (free > max) {
            io.println("All space for primary partitions is in use.");
            return;
        }
        String n = io.askLine("Partition number (" + free + "-" + max + ", default " + free + "): ");
        int num = n == null || n.isBlank() ? free : Integer.parseInt(n.trim());
        long first = FIRST;
        for (Partition p : parts) {
            first = Math.max(first, (p.start + p.size) / 512);
        }
        String f = io.askLine("First sector (" + first + "-" + lastSector + ", default " + first + "): ");
        long start = f == null || f.isBlank() ? first : Long.parseLong(f.trim());
        String l = io.askLine("Last sector, +/-sectors or +/-size{K,M,G,T,P} (" + start + "-" + lastSector + ", default " + lastSector + "): ");
        long end = lastSector;
        if (l != null && !l.isBlank()) {
            String t = l.trim();
            if (t.startsWith("+")) {
                char u = Character.toUpperCase(t.charAt(t.length() - 1));
                long mul = switch (u) {
                    case 'K' -> 1L << 10;
                    case 'M' -> 1L << 20;
                    case 'G' -> 1L << 30;
                    case 'T' -> 1L << 40;
                    default -> 512;
                };
                String num2 = mul == 512 ? t.substring(1) : t.substring(1, t.length() - 1);
                end = start + (long) (Double.parseDouble(num2) * mul / 512) - 1;
            } else {
                end = Long.parseLong(t);
            }
        }
        if (end > lastSector || end < start) {
            io.println("Value out of range.");
            return;
        }
        Partition p = new Partition(num, null, start * 512, (end - start + 1) * 512, label.equals("gpt") ? "0FC63DAF-8483-4772-8E79-3D69D8477DE4" : "83");
        parts.add(p);
        parts.sort((x, y) -> Integer.compare(x.number, y.number));
        io.println("");
        io.println(String.format(Locale.ROOT, "Created a new partition %d of type '%s' and of size %s.", num,
                label.equals("gpt") ? "Linux filesystem" : "Linux", DiskCommands.human(p.size).replace("G", " GiB").replace("M", " MiB")));
    }

    private static boolean numberUsed(List<Partition> parts, int n) {
        return parts.stream().anyMatch(p -> p.number == n);
    }
}
