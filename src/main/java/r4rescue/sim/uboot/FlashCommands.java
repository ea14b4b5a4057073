package r4rescue.sim.uboot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import r4rescue.board.BoardProfile;
import r4rescue.sim.Sparse;
import r4rescue.sim.boot.Media;
import r4rescue.sim.state.Nand;
import r4rescue.sim.state.UbiVolume;

/** {@code mtd list/erase/write/read} (cmd/mtd.c messages) and {@code ubi part/info/check/read/write/create/remove} (cmd/ubi.c). */
final class FlashCommands {

    private static final int PAGE = 2048;
    private static final int BLOCK = 131072;
    /** Usable bytes of the 126 MiB UBI device: 1008 PEBs less reserved ones, 126976-byte LEBs. */
    private static final long UBI_CAPACITY = 985L * 126976;

    private FlashCommands() {
    }

    static void register(UBoot u) {
        u.register("mtd", new Cmd("MTD utils", "- generic operations on memory technology devices\n\nmtd list\nmtd read[.raw][.oob]                  <name> <addr> [<off> [<size>]]\nmtd dump[.raw][.oob]                  <name>        [<off> [<size>]]\nmtd write[.raw][.oob][.dontskipff]    <name> <addr> [<off> [<size>]]\nmtd erase[.dontskipbad]               <name>        [<off> [<size>]]\n\nSpecific functions:\nmtd bad                               <name>\n\nWith:\n\t<name>: NAND partition/chip name (or corresponding DM device name or OF path)\n\t<addr>: user address from/to which data will be retrieved/stored\n\t<off>: offset in <name> in bytes (default: start of the part)\n\t\t* must be block-aligned for erase\n\t\t* must be page-aligned otherwise\n\t<size>: length of the operation in bytes (default: the entire device)\n\t\t* must be a multiple of a block for erase\n\t\t* must be a multiple of a page otherwise (special case: default is a page with dump)\n\nThe .dontskipff option forces writing empty pages, don't use it if unsure.", FlashCommands::mtd));
        u.register("nand", new Cmd("NAND sub-system", "info - show available NAND devices", FlashCommands::nand));
        u.register("ubi", new Cmd("ubi commands", "detach - detach ubi from a mtd partition\nubi part [part] [offset]\n - Show or set current partition (with optional VID header offset)\nubi info [l[ayout]] - Display volume and ubi layout information\nubi list [flags] - print the list of volumes\nubi check volumename - check if volumename exists\nubi create[vol] volume [size] [type] [id] [--skipcheck]\n - create volume name with size ('-' for maximum available size)\nubi write[vol] address volume size - Write volume from address with size\nubi write.part address volume size [fullsize]\n - Write part of a volume from address\nubi read[vol] address volume [size] - Read volume to address with size\nubi remove[vol] volume - Remove volume", FlashCommands::ubi));
    }

    private record MtdPart(String name, long offset, long size) {
    }

    private static List<MtdPart> parts(UBoot u) {
        BoardProfile.Layout l = u.s.profile().layout(Media.nandLayoutKey(u.s));
        List<MtdPart> out = new ArrayList<>();
        out.add(new MtdPart("spi-nand0", 0, l.size()));
        for (BoardProfile.Part p : l.partitions()) {
            out.add(new MtdPart(p.name(), p.offset(), p.size()));
        }
        return out;
    }

    private static MtdPart find(UBoot u, String name) {
        for (MtdPart p : parts(u)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static int mtd(UBoot u, List<String> a) {
        if (a.size() < 2) {
            return Command.USAGE;
        }
        String sub = a.get(1);
        String op = sub.contains(".") ? sub.substring(0, sub.indexOf('.')) : sub;
        if (u.s.nand == null) {
            if (op.equals("list")) {
                u.board.println("List of MTD devices:");
                u.board.println("No MTD device found");
                return 0;
            }
            u.board.println("MTD device " + (a.size() > 2 ? a.get(2) : "") + " not found, ret -19");
            return 1;
        }
        switch (op) {
            case "list" -> {
                list(u);
                return 0;
            }
            case "erase", "write", "read", "dump", "bad" -> {
                return io(u, op, a);
            }
            default -> {
                return Command.USAGE;
            }
        }
    }

    /**
     * {@code nand info} as cmd/nand.c: a blank line, then each NAND device; it returns 0 even when
     * there is none (the SD env's "if nand info" only fails where U-Boot lacks the command).
     */
    private static int nand(UBoot u, List<String> a) {
        if (a.size() < 2 || !a.get(1).equals("info")) {
            return Command.USAGE;
        }
        u.board.println("");
        if (u.s.nand != null) {
            u.board.println("Device 0: spi-nand0, sector size 128 KiB");
            u.board.println("  Page size       2048 b");
            u.board.println("  OOB size          64 b");
            u.board.println("  Erase size    131072 b");
        }
        return 0;
    }

    private static void list(UBoot u) {
        u.board.println("List of MTD devices:");
        u.board.println("* spi-nand0");
        u.board.println("  - device: spi_nand@0");
        u.board.println("  - parent: spi@11007000");
        u.board.println("  - driver: spi_nand");
        u.board.println("  - path: /soc/spi@11007000/spi_nand@0");
        u.board.println("  - type: NAND flash");
        u.board.println("  - block size: 0x20000 bytes");
        u.board.println("  - min I/O: 0x800 bytes");
        u.board.println("  - OOB size: 64 bytes");
        u.board.println("  - OOB available: 24 bytes");
        u.board.println("  - ECC strength: 8 bits");
        u.board.println("  - ECC step size: 512 bytes");
        u.board.println("  - bitflip threshold: 6 bits");
        for (MtdPart p : parts(u).subList(1, parts(u).size())) {
            u.board.println(String.format("  - 0x%012x-0x%012x : \"%s\"", p.offset(), p.offset() + p.size(), p.name()));
        }
    }

    private static int io(UBoot u, String op, List<String> a) {
        boolean needsAddr = op.equals("write") || op.equals("read");
        if (a.size() < (needsAddr ? 4 : 3)) {
            return Command.USAGE;
        }
        MtdPart p = find(u, a.get(2));
        if (p == null) {
            u.board.println("MTD device " + a.get(2) + " not found, ret -19");
            return 1;
        }
        if (op.equals("bad")) {
            u.board.println("MTD device " + p.name() + " bad blocks list:");
            return 0;
        }
        int i = 3;
        long addr = 0;
        if (needsAddr) {
            Long v = Numbers.hex(a.get(i++));
            if (v == null) {
                return Command.USAGE;
            }
            addr = v;
        }
        Long off = a.size() > i ? Numbers.hex(a.get(i++)) : Long.valueOf(0);
        Long len = a.size() > i ? Numbers.hex(a.get(i)) : null;
        if (off == null || (a.size() > i && len == null)) {
            return Command.USAGE;
        }
        if (len == null) {
            len = op.equals("dump") ? PAGE : p.size() - off;
        }
        if (off >= p.size()) {
            u.board.println("Offset not in MTD partition");
            return 1;
        }
        if (off + len > p.size()) {
            u.board.println("Size too large, limiting to 0x" + Long.toHexString(p.size() - off));
            len = p.size() - off;
        }
        Nand nand = u.s.nand;
        long abs = p.offset() + off;
        if (op.equals("erase")) {
            if (off % BLOCK != 0) {
                u.board.println("Offset not aligned with a block (0x20000)");
                return 1;
            }
            if (len % BLOCK != 0) {
                u.board.println("Size not a multiple of a block (0x20000)");
                return 1;
            }
            u.board.println(String.format("Erasing 0x%08x ... 0x%08x (%d eraseblock(s))", off, off + len - 1, len / BLOCK));
            u.board.pause(len / BLOCK * 2);
            nand.raw.set(abs, len, 0xff);
            touchUbi(u, abs, len);
            return 0;
        }
        if (off % PAGE != 0) {
            u.board.println("Offset not aligned with a page (0x800)");
            return 1;
        }
        if (len % PAGE != 0) {
            len = (len + PAGE - 1) / PAGE * PAGE;
            u.board.println(String.format("Size not on a page boundary (0x800), rounding to 0x%x", len));
        }
        if (op.equals("dump")) {
            byte[] d = nand.raw.read(abs, (int) (long) len);
            u.board.println("Dump " + len + " data bytes from 0x" + Long.toHexString(off) + ":");
            for (int j = 0; j < d.length; j += 16) {
                StringBuilder sb = new StringBuilder(String.format("0x%08x:\t", off + j));
                for (int k = 0; k < 16; k++) {
                    sb.append(String.format("%02x ", d[j + k] & 0xff));
                }
                u.board.println(sb.toString().trim());
            }
            return 0;
        }
        String verb = op.equals("write") ? "Writing" : "Reading";
        u.board.println(String.format("%s %d byte(s) (%d page(s)) at offset 0x%08x", verb, len, len / PAGE, off));
        u.checkRam(addr, len);
        Sparse ram = u.ram();
        long base = addr - UBoot.RAM_BASE;
        byte[] buf = new byte[Sparse.CHUNK];
        boolean readDoesNothing = op.equals("read") && u.board.faults().ubootMtdReadWorksTimes == 0;
        if (op.equals("read") && u.board.faults().ubootMtdReadWorksTimes > 0) {
            u.board.faults().ubootMtdReadWorksTimes--;
        }
        for (long done = 0; done < len && !readDoesNothing; done += buf.length) {
            int n = (int) Math.min(buf.length, len - done);
            if (op.equals("read")) {
                nand.raw.read(abs + done, buf, 0, n);
                ram.write(base + done, buf, 0, n);
            } else {
                // NAND programming only clears bits: writing over unerased pages corrupts them.
                byte[] old = nand.raw.read(abs + done, n);
                ram.read(base + done, buf, 0, n);
                for (int k = 0; k < n; k++) {
                    buf[k] &= old[k];
                }
                nand.raw.write(abs + done, buf, 0, n);
            }
        }
        u.board.pause(len / 20_000);
        if (op.equals("write")) {
            touchUbi(u, abs, len);
        } else {
            u.readBackFault(addr);
        }
        return 0;
    }

    /** Raw erase/write inside the {@code ubi} partition destroys the UBI volumes there. */
    private static void touchUbi(UBoot u, long abs, long len) {
        MtdPart ubi = find(u, "ubi");
        if (ubi != null && abs < ubi.offset() + ubi.size() && abs + len > ubi.offset()) {
            u.s.nand.volumes.clear();
            u.s.nand.ubiAttached = false;
            if ("ubi".equals(u.ubiPart)) {
                u.ubiPart = null;
            }
        }
    }

    /** Attaches the {@code ubi} partition, printing U-Boot's lines; an erased one becomes an empty UBI. */
    static boolean attach(UBoot u, String part) {
        MtdPart p = u.s.nand == null ? null : find(u, part);
        if (p == null) {
            u.board.println("Partition " + part + " not found!");
            return false;
        }
        Nand nand = u.s.nand;
        int mtdNum = parts(u).indexOf(p);
        u.board.println("ubi0: attaching mtd" + mtdNum);
        if (!nand.ubiAttached) {
            boolean blank = nand.raw.isBlank(p.offset(), p.size());
            if (!blank) {
                u.board.println("ubi0 error: ubi_attach_mtd_dev: failed to attach mtd" + mtdNum + ", error -22");
                u.board.println("UBI error: cannot attach mtd" + mtdNum);
                u.board.println("UBI init error 22");
                u.board.println("Please check, if the correct MTD partition is used (size big enough?)");
                return false;
            }
            u.board.println("ubi0: empty MTD device detected");
            nand.ubiAttached = true;
            nand.volumes.clear();
        }
        u.board.println("ubi0: scanning is finished");
        u.board.println("ubi0: attached mtd" + mtdNum + " (name \"" + part + "\", size " + (p.size() >> 20) + " MiB)");
        u.board.println("ubi0: PEB size: 131072 bytes (128 KiB), LEB size: 126976 bytes");
        u.board.println("ubi0: min./max. I/O unit sizes: 2048/2048, sub-page size 2048");
        u.board.println("ubi0: VID header offset: 2048 (aligned 2048), data offset: 4096");
        u.board.println("ubi0: good PEBs: " + p.size() / BLOCK + ", bad PEBs: 0, corrupted PEBs: 0");
        u.board.println("ubi0: user volume: " + nand.volumes.size() + ", internal volumes: 1, max. volumes count: 128");
        u.ubiPart = part;
        return true;
    }

    private static int ubi(UBoot u, List<String> a) {
        if (a.size() < 2) {
            return Command.USAGE;
        }
        String sub = a.get(1);
        if (sub.equals("part")) {
            if (a.size() < 3) {
                u.board.println(u.ubiPart == null ? "Error, no UBI device selected!" : "Device 0: ubi0, MTD partition " + u.ubiPart);
                return u.ubiPart == null ? 1 : 0;
            }
            if (a.get(2).equals(u.ubiPart)) {
                u.board.println("UBI partition '" + u.ubiPart + "' already selected");
                return 0;
            }
            return attach(u, a.get(2)) ? 0 : 1;
        }
        if (sub.equals("detach")) {
            u.ubiPart = null;
            return 0;
        }
        if (u.ubiPart == null) {
            u.board.println("Error, no UBI device selected!");
            return 1;
        }
        Map<String, UbiVolume> vols = u.s.nand.volumes;
        String op = sub.replace("vol", "");
        switch (op) {
            case "info" -> {
                if (a.size() > 2 && a.get(2).startsWith("l")) {
                    int id = 0;
                    for (UbiVolume v : vols.values()) {
                        volumeInfo(u, v, id++);
                    }
                } else {
                    u.board.println("UBI: MTD device name:            \"" + u.ubiPart + "\"");
                    u.board.println("UBI: MTD device size:            126 MiB");
                    u.board.println("UBI: physical eraseblock size:   131072 bytes (128 KiB)");
                    u.board.println("UBI: logical eraseblock size:    126976 bytes");
                    u.board.println("UBI: number of good PEBs:        1008");
                    u.board.println("UBI: number of bad PEBs:         0");
                    u.board.println("UBI: smallest flash I/O unit:    2048");
                    u.board.println("UBI: VID header offset:          2048 (aligned 2048)");
                    u.board.println("UBI: data offset:                4096");
                    u.board.println("UBI: max. allowed volumes:       128");
                    u.board.println("UBI: wear-leveling threshold:    4096");
                    u.board.println("UBI: number of internal volumes: 1");
                    u.board.println("UBI: number of user volumes:     " + vols.size());
                    u.board.println("UBI: available PEBs:             " + Math.max(0, (UBI_CAPACITY - used(vols)) / 126976));
                    u.board.println("UBI: total number of reserved PEBs: " + (1008 - Math.max(0, (UBI_CAPACITY - used(vols)) / 126976)));
                    u.board.println("UBI: number of PEBs reserved for bad PEB handling: 19");
                    u.board.println("UBI: max/mean erase counter: 2/1");
                }
                return 0;
            }
            case "list" -> {
                int id = 0;
                for (UbiVolume v : vols.values()) {
                    u.board.println(String.format("%d: %s", id++, v.name));
                }
                return 0;
            }
            case "check" -> {
                if (a.size() < 3) {
                    return Command.USAGE;
                }
                // cmd/ubi.c ubi_check: silent, only the status says
                return u.s.nand.volumes.containsKey(a.get(2)) ? 0 : 1;
            }
            case "create" -> {
                if (a.size() < 3) {
                    return Command.USAGE;
                }
                String name = a.get(2);
                long size;
                if (a.size() < 4 || a.get(3).equals("-")) {
                    size = Math.max(0, UBI_CAPACITY - used(vols));
                    u.board.println("No size specified -> Using max size (" + size + ")");
                } else {
                    Long v = Numbers.hex(a.get(3));
                    if (v == null) {
                        return Command.USAGE;
                    }
                    size = (v + 126975) / 126976 * 126976;
                }
                boolean isStatic = a.size() > 4 && a.get(4).equals("static");
                if (vols.containsKey(name)) {
                    u.board.println("ubi0 error: ubi_create_volume: volume \"" + name + "\" exists");
                    u.board.println("Creating " + (isStatic ? "static" : "dynamic") + " volume " + name + " of size " + size);
                    return 17;
                }
                if (used(vols) + size > UBI_CAPACITY) {
                    u.board.println("Creating " + (isStatic ? "static" : "dynamic") + " volume " + name + " of size " + size);
                    u.board.println("ubi0 error: ubi_create_volume: not enough PEBs, only " + Math.max(0, (UBI_CAPACITY - used(vols)) / 126976) + " available");
                    return 28;
                }
                u.board.println("Creating " + (isStatic ? "static" : "dynamic") + " volume " + name + " of size " + size);
                vols.put(name, new UbiVolume(name, size, isStatic));
                return 0;
            }
            case "remove" -> {
                if (a.size() < 3) {
                    return Command.USAGE;
                }
                UbiVolume v = volume(u, a.get(2));
                if (v == null) {
                    return 19;
                }
                u.board.println("Remove UBI volume " + v.name + " (id " + new ArrayList<>(vols.keySet()).indexOf(v.name) + ")");
                vols.remove(v.name);
                return 0;
            }
            case "read" -> {
                if (a.size() < 4) {
                    return Command.USAGE;
                }
                Long addr = Numbers.hex(a.get(2));
                UbiVolume v = volume(u, a.get(3));
                if (addr == null) {
                    return Command.USAGE;
                }
                if (v == null) {
                    return 19;
                }
                long used = v.isStatic ? v.dataSize : v.size;
                long size = a.size() > 4 ? Numbers.hex(a.get(4)) : 0;
                if (size == 0) {
                    u.board.println("No size specified -> Using max size (" + used + ")");
                    size = used;
                }
                if (size > v.size) {
                    u.board.println("ubi0 error: ubi_eba_read_leb: read past the end of volume " + v.name);
                    return 22;
                }
                u.board.println(String.format("Read %d bytes from volume %s to %016x", size, v.name, addr));
                // cmd/ubi.c: a read is cut at the bytes the volume holds; RAM after them is left as it was.
                long n = Math.min(size, used);
                u.checkRam(addr, n);
                u.ram().copyFrom(v.data, 0, addr - UBoot.RAM_BASE, n);
                u.readBackFault(addr);
                u.board.pause(n / 25_000);
                return 0;
            }
            case "write", "write.part" -> {
                if (a.size() < 5) {
                    return Command.USAGE;
                }
                Long addr = Numbers.hex(a.get(2));
                Long size = Numbers.hex(a.get(4));
                if (addr == null || size == null) {
                    return Command.USAGE;
                }
                UbiVolume v = volume(u, a.get(3));
                if (v == null) {
                    return 19;
                }
                if (size > v.size) {
                    u.board.println("ubi0 error: ubi_start_update: data size > volume size");
                    u.board.println("ubi0 error: size > volume size! Aborting!");
                    return 22;
                }
                u.checkRam(addr, size);
                v.data.set(0, v.data.size(), 0xff);
                v.data.copyFrom(u.ram(), addr - UBoot.RAM_BASE, 0, size);
                v.dataSize = v.isStatic ? size : v.size;
                u.board.pause(size / 10_000);
                u.board.println(size + " bytes written to volume " + v.name);
                return 0;
            }
            default -> {
                return Command.USAGE;
            }
        }
    }

    private static long used(Map<String, UbiVolume> vols) {
        long sum = 0;
        for (UbiVolume v : vols.values()) {
            sum += v.size;
        }
        return sum;
    }

    private static UbiVolume volume(UBoot u, String name) {
        UbiVolume v = u.s.nand.volumes.get(name);
        if (v == null) {
            u.board.println("Volume " + name + " not found!");
        }
        return v;
    }

    private static void volumeInfo(UBoot u, UbiVolume v, int id) {
        long lebs = (v.size + 126975) / 126976;
        long used = v.isStatic ? v.dataSize : v.size;
        u.board.println("Volume information dump:");
        u.board.println("\tvol_id          " + id);
        u.board.println("\treserved_pebs   " + lebs);
        u.board.println("\talignment       1");
        u.board.println("\tdata_pad        0");
        u.board.println("\tvol_type        " + (v.isStatic ? 4 : 3));
        u.board.println("\tname_len        " + v.name.length());
        u.board.println("\tusable_leb_size 126976");
        u.board.println("\tused_ebs        " + (used + 126975) / 126976);
        u.board.println("\tused_bytes      " + used);
        u.board.println("\tlast_eb_bytes   " + (used % 126976 == 0 ? 126976 : used % 126976));
        u.board.println("\tcorrupted       0");
        u.board.println("\tupd_marker      0");
        u.board.println("\tname            " + v.name);
    }
}
