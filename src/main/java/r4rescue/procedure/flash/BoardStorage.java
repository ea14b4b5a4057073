package r4rescue.procedure.flash;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.board.Medium;

/**
 * What this board's U-Boot reports about its storage: MTD partitions ({@code mtd list}), the UBI
 * volumes of one MTD partition ({@code ubi info l}), the MMC device's GPT ({@code mmc part}) and
 * whether that device is an eMMC or an SD card. Names keep the board's spelling; look-ups ignore case.
 */
public record BoardStorage(List<MtdPart> mtd, String ubiMtd, List<UbiVolume> ubi, List<MmcPart> mmc, Medium mmcMedium,
                           List<String> notes) {

    /** A partition of an MTD device; offset and size in bytes, erase block and write unit of its device. */
    public record MtdPart(String device, String name, long offset, long size, long blockSize, long minIo) {
    }

    /** A UBI volume: usable size (reserved LEBs times LEB size), static or dynamic, bytes in use. */
    public record UbiVolume(int id, String name, long size, boolean isStatic, long usedBytes) {
    }

    /** A GPT partition in 512-byte blocks. */
    public record MmcPart(int number, String name, long startLba, long endLba) {
        public long blocks() {
            return endLba - startLba + 1;
        }

        public long size() {
            return blocks() * 512;
        }
    }

    public static BoardStorage empty() {
        return new BoardStorage(List.of(), null, List.of(), List.of(), null, List.of());
    }

    public MtdPart mtdPart(String name) {
        for (MtdPart p : mtd) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    public UbiVolume volume(String name) {
        for (UbiVolume v : ubi) {
            if (v.name().equalsIgnoreCase(name)) {
                return v;
            }
        }
        return null;
    }

    public MmcPart mmcPart(String name) {
        for (MmcPart p : mmc) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** One line for people: what was found. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(mtd.isEmpty() ? "no MTD partitions" : "MTD partitions " + names(mtd.stream().map(MtdPart::name).toList()));
        if (ubiMtd != null) {
            parts.add(ubi.isEmpty() ? "no UBI volumes in " + ubiMtd
                    : "UBI volumes in " + ubiMtd + " " + names(ubi.stream().map(UbiVolume::name).toList()));
        }
        if (mmcMedium != null) {
            parts.add(mmc.isEmpty() ? mmcMedium.label() + " without GPT partitions"
                    : mmcMedium.label() + " GPT partitions " + names(mmc.stream().map(MmcPart::name).toList()));
        }
        return String.join("; ", parts);
    }

    private static String names(List<String> n) {
        return String.join(", ", n);
    }

    // ---- parsers of U-Boot's output ----

    private static final Pattern DEVICE = Pattern.compile("^\\*\\s+(\\S+)");
    private static final Pattern BLOCK = Pattern.compile("- block size:\\s*0x([0-9a-fA-F]+)");
    private static final Pattern MIN_IO = Pattern.compile("- min I/O:\\s*0x([0-9a-fA-F]+)");
    private static final Pattern RANGE = Pattern.compile("0x([0-9a-fA-F]+)-0x([0-9a-fA-F]+)\\s*:\\s*\"([^\"]+)\"");

    /** {@code mtd list} (U-Boot cmd/mtd.c): devices, then each partition's range and name. */
    public static List<MtdPart> parseMtdList(String output) {
        List<MtdPart> out = new ArrayList<>();
        String device = null;
        long block = 0;
        long minIo = 1;
        for (String line : output.split("\r?\n")) {
            Matcher m = DEVICE.matcher(line.strip());
            if (m.find()) {
                device = m.group(1);
                block = 0;
                minIo = 1;
                continue;
            }
            if ((m = BLOCK.matcher(line)).find()) {
                block = Long.parseLong(m.group(1), 16);
            } else if ((m = MIN_IO.matcher(line)).find()) {
                minIo = Long.parseLong(m.group(1), 16);
            } else if ((m = RANGE.matcher(line)).find() && device != null && !m.group(3).equals(device)) {
                long start = Long.parseLong(m.group(1), 16);
                long end = Long.parseLong(m.group(2), 16);
                out.add(new MtdPart(device, m.group(3), start, end - start, block, minIo));
            }
        }
        return List.copyOf(out);
    }

    private static final Pattern UBI_FIELD = Pattern.compile(
            "^\\s*(?:ubi\\d+:\\s*)?(vol_id|reserved_pebs|usable_leb_size|vol_type|used_bytes|name)\\s+(\\S.*?)\\s*$");

    /** {@code ubi info l} (U-Boot cmd/ubi.c, ubi_dump_vol_info): one block per volume. */
    public static List<UbiVolume> parseUbiInfo(String output) {
        List<UbiVolume> out = new ArrayList<>();
        java.util.Map<String, String> f = new java.util.HashMap<>();
        for (String line : output.split("\r?\n")) {
            Matcher m = UBI_FIELD.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (m.group(1).equals("vol_id") && f.containsKey("vol_id")) {
                add(out, f);
                f.clear();
            }
            f.put(m.group(1), m.group(2));
        }
        add(out, f);
        return List.copyOf(out);
    }

    private static void add(List<UbiVolume> out, java.util.Map<String, String> f) {
        if (!f.containsKey("name") || !f.containsKey("vol_id")) {
            return;
        }
        long lebs = num(f.get("reserved_pebs"));
        long leb = num(f.get("usable_leb_size"));
        out.add(new UbiVolume((int) num(f.get("vol_id")), f.get("name"), lebs * leb, "4".equals(f.get("vol_type")),
                num(f.get("used_bytes"))));
    }

    private static long num(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final Pattern GPT_ROW = Pattern.compile("^\\s*(\\d+)\\s+0x([0-9a-fA-F]+)\\s+0x([0-9a-fA-F]+)\\s+\"([^\"]*)\"");

    /** {@code mmc part} (U-Boot disk/part_efi.c print_part_efi). */
    public static List<MmcPart> parseMmcPart(String output) {
        List<MmcPart> out = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            Matcher m = GPT_ROW.matcher(line);
            if (m.find()) {
                out.add(new MmcPart(Integer.parseInt(m.group(1)), m.group(4),
                        Long.parseLong(m.group(2), 16), Long.parseLong(m.group(3), 16)));
            }
        }
        return List.copyOf(out);
    }
}
