package r4rescue.sim.uboot;

import java.util.List;

import r4rescue.board.Medium;
import r4rescue.sim.Sparse;
import r4rescue.sim.boot.Media;
import r4rescue.sim.state.Gpt;
import r4rescue.sim.state.MmcDevice;
import r4rescue.sim.state.Partition;

/**
 * {@code mmc dev/list/info/part/read/write/erase/partconf/bootbus} on mmc0 (eMMC, or the SD card when booted from SD),
 * and {@code part start/size}, which read the GPT last written to the user area.
 */
final class MmcCommands {

    private MmcCommands() {
    }

    static void register(UBoot u) {
        u.register("mmc", new Cmd("MMC sub system", "info - display info of the current MMC device\nmmc read addr blk# cnt\nmmc write addr blk# cnt\nmmc erase blk# cnt\nmmc rescan [mode]\nmmc part - lists available partition on current mmc device\nmmc dev [dev] [part] [mode] - show or set current mmc device [partition] and set mode\nmmc list - lists available devices\nmmc partconf <dev> [[varname] | [<boot_ack> <boot_partition> <partition_access>]]\n    - Show or change the bits of the PARTITION_CONFIG field of the specified device", MmcCommands::mmc));
        u.register("part", new Cmd("disk partition related commands", "start <interface> <dev> <part> <varname>\n    - set environment variable to the start of the partition (in blocks)\npart size <interface> <dev> <part> <varname>\n    - set environment variable to the size of the partition (in blocks)", MmcCommands::part));
    }

    /** {@code part start|size mmc 0 NAME VAR}: the partition's first block or block count, in hex without 0x (cmd/part.c). */
    private static int part(UBoot u, List<String> a) {
        if (a.size() != 6 || !a.get(2).equals("mmc") || !(a.get(1).equals("start") || a.get(1).equals("size"))) {
            return Command.USAGE;
        }
        MmcDevice d = Media.mmc0(u.s);
        Partition p = d == null ? null : d.partition(a.get(4));
        if (p == null) {
            return 1;
        }
        u.setenv(a.get(5), Long.toHexString((a.get(1).equals("start") ? p.start : p.size) / 512));
        return 0;
    }

    private static boolean sd(UBoot u) {
        return u.s.bootMedium() == Medium.SD;
    }

    private static int mmc(UBoot u, List<String> a) {
        if (a.size() < 2) {
            return Command.USAGE;
        }
        MmcDevice d = Media.mmc0(u.s);
        String sub = a.get(1);
        if (d == null && !sub.equals("list")) {
            u.board.println("MMC: no card present");
            return 1;
        }
        switch (sub) {
            case "list" -> {
                u.board.println("mmc@11230000: 0" + (d == null ? "" : sd(u) ? " (SD)" : " (eMMC)"));
                return 0;
            }
            case "rescan" -> {
                return 0;
            }
            case "dev" -> {
                if (a.size() > 3) {
                    Long part = Numbers.auto(a.get(3));
                    if (part == null || sd(u) && part != 0) {
                        u.board.println("switch to partitions #" + a.get(3) + ", ERROR");
                        return 1;
                    }
                    d.partitionAccess = (int) (long) part;
                }
                u.board.println("switch to partitions #" + d.partitionAccess + ", OK");
                u.board.println(sd(u) ? "mmc0 is current device" : "mmc0(part " + d.partitionAccess + ") is current device");
                return 0;
            }
            case "info" -> {
                u.board.println("Device: mmc@11230000");
                u.board.println("Manufacturer ID: " + (sd(u) ? "3" : "15"));
                u.board.println("OEM: " + (sd(u) ? "5344" : "100"));
                u.board.println("Name: " + (sd(u) ? "SD16G " : "8GTF4 "));
                u.board.println("Bus Speed: " + (sd(u) ? "50000000" : "200000000"));
                u.board.println("Mode: " + (sd(u) ? "SD High Speed (50MHz)" : "HS200 (200MHz)"));
                u.board.println("Rd Block Len: 512");
                u.board.println((sd(u) ? "SD version 3.0" : "MMC version 5.1"));
                u.board.println("High Capacity: Yes");
                u.board.println(String.format("Capacity: %.1f GiB", d.user.size() / (double) (1L << 30)));
                u.board.println("Bus Width: " + (sd(u) ? "4-bit" : "8-bit"));
                return 0;
            }
            case "part" -> {
                u.board.println("");
                u.board.println("Partition Map for MMC device 0  --   Partition Type: EFI");
                u.board.println("");
                u.board.println("Part\tStart LBA\tEnd LBA\t\tName");
                u.board.println("\tAttributes");
                u.board.println("\tType GUID");
                u.board.println("\tPartition GUID");
                for (Partition p : d.partitions) {
                    u.board.println(String.format("  %d\t0x%08x\t0x%08x\t\"%s\"", p.number, p.start / 512, (p.start + p.size) / 512 - 1, p.name));
                    u.board.println("\tattrs:\t0x0000000000000000");
                    u.board.println("\ttype:\t0fc63daf-8483-4772-8e79-3d69d8477de4");
                    u.board.println("\tguid:\t" + (p.uuid == null ? "5452574f-2211-4433-5566-77889900aa" + String.format("%02x", p.number) : p.uuid));
                }
                return 0;
            }
            case "partconf" -> {
                if (sd(u)) {
                    u.board.println("PARTITION_CONFIG only exists on eMMC");
                    return 1;
                }
                if (a.size() == 3) {
                    u.board.println("EXT_CSD[179], PARTITION_CONFIG:");
                    u.board.println("BOOT_ACK: 0x" + Integer.toHexString(d.bootAck));
                    u.board.println("BOOT_PARTITION_ENABLE: 0x" + Integer.toHexString(d.bootPartitionEnable));
                    u.board.println("PARTITION_ACCESS: 0x" + Integer.toHexString(d.partitionAccess));
                    return 0;
                }
                if (a.size() != 6) {
                    return Command.USAGE;
                }
                d.bootAck = Integer.parseInt(a.get(3));
                d.bootPartitionEnable = Integer.parseInt(a.get(4));
                d.partitionAccess = Integer.parseInt(a.get(5));
                return 0;
            }
            case "bootbus" -> {
                if (sd(u)) {
                    u.board.println("It is not an eMMC device");
                    return 1;
                }
                return a.size() == 6 ? 0 : Command.USAGE;
            }
            case "read", "write", "erase" -> {
                return io(u, d, sub, a);
            }
            default -> {
                return Command.USAGE;
            }
        }
    }

    private static int io(UBoot u, MmcDevice d, String op, List<String> a) {
        boolean erase = op.equals("erase");
        if (a.size() != (erase ? 4 : 5)) {
            return Command.USAGE;
        }
        int i = 2;
        Long addr = erase ? Long.valueOf(0) : Numbers.hex(a.get(i++));
        Long blk = Numbers.hex(a.get(i++));
        Long cnt = Numbers.hex(a.get(i));
        if (addr == null || blk == null || cnt == null) {
            return Command.USAGE;
        }
        Sparse area = d.partitionAccess == 1 && d.boot0 != null ? d.boot0 : d.user;
        u.board.println("");
        u.board.print(String.format("MMC %s: dev # 0, block # %d, count %d ... ", op, blk, cnt));
        if ((blk + cnt) * 512 > area.size()) {
            u.board.println("0 blocks " + past(op) + ": ERROR");
            return 1;
        }
        long bytes = cnt * 512;
        if (erase) {
            area.set(blk * 512, bytes, 0);
        } else {
            u.checkRam(addr, bytes);
            if (op.equals("read")) {
                int works = u.board.faults().ubootMmcReadWorksTimes;
                if (works > 0) {
                    u.board.faults().ubootMmcReadWorksTimes = works - 1;
                }
                if (works != 0) {
                    u.ram().copyFrom(area, blk * 512, addr - UBoot.RAM_BASE, bytes);
                    u.readBackFault(addr);
                }
            } else {
                area.copyFrom(u.ram(), addr - UBoot.RAM_BASE, blk * 512, bytes);
            }
            if (area == d.user && blk <= 1) {
                d.partitions = Gpt.read(d.user, d.partitions);
            }
        }
        u.board.pause(bytes / 40_000);
        u.board.println(cnt + " blocks " + past(op) + ": OK");
        return 0;
    }

    private static String past(String op) {
        return switch (op) {
            case "read" -> "read";
            case "write" -> "written";
            default -> "erased";
        };
    }
}
