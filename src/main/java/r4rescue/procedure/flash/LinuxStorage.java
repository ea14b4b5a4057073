package r4rescue.procedure.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.board.Medium;

/**
 * What a running Linux shows of the storage, as a {@link BoardStorage} plus the device nodes:
 * {@code /proc/mtd} (names as the device tree gives them), {@code /sys/class/mtd/mtdN/flags}
 * (MTD_WRITEABLE 0x400: OpenWrt's device tree marks {@code bl2} read-only), the UBI volumes in
 * {@code /sys/class/ubi}, and the MMC disk's partitions by GPT name. Linux sees one MMC device:
 * the SD card when booted from SD (the eMMC is then invisible), the eMMC otherwise; an eMMC has
 * {@code mmcblk0boot0}.
 */
final class LinuxStorage {

    static final long MTD_WRITEABLE = 0x400;

    static final String[] PROBE = {
        "cat /proc/mtd; for d in /sys/class/mtd/mtd*; do [ -f $d/flags ] && echo \"MTDINFO ${d##*/} $(cat $d/flags)"
                + " $(cat $d/writesize)\"; done; true",
        "for v in /sys/class/ubi/ubi*_*; do [ -f $v/name ] && echo \"UBIVOL ${v##*/} $(cat $v/name) $(cat $v/type)"
                + " $(cat $v/reserved_ebs) $(cat $v/usable_eb_size)\"; done;"
                + " for u in /sys/class/ubi/ubi[0-9]*; do [ -f $u/mtd_num ] && echo \"UBIMTD ${u##*/} $(cat $u/mtd_num)\"; done; true",
        "for p in /sys/class/block/mmcblk*; do [ -f $p/size ] && echo \"BLK ${p##*/} $(cat $p/start 2>/dev/null || echo -)"
                + " $(cat $p/size) $(grep PARTNAME= $p/uevent | cut -d= -f2)\"; done; true",
    };

    private static final Pattern PROC_MTD = Pattern.compile("^(mtd\\d+):\\s+([0-9a-fA-F]+)\\s+([0-9a-fA-F]+)\\s+\"([^\"]+)\"");

    final BoardStorage storage;
    /** Partition, volume or GPT name → its device node. */
    final Map<String, String> nodes;
    /** MTD partition names Linux will not write. */
    final List<String> readOnly;

    private LinuxStorage(BoardStorage storage, Map<String, String> nodes, List<String> readOnly) {
        this.storage = storage;
        this.nodes = nodes;
        this.readOnly = readOnly;
    }

    static LinuxStorage probe(BoardShell sh, java.util.function.Consumer<String> sent) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String c : PROBE) {
            sent.accept(c);
            all.append(sh.run(c, 15_000).output()).append('\n');
        }
        return parse(all.toString());
    }

    static LinuxStorage parse(String text) {
        Map<String, String> nodes = new HashMap<>();
        Map<String, long[]> info = new HashMap<>();
        List<String[]> mtdRows = new ArrayList<>();
        Map<String, String> ubiMtdNum = new HashMap<>();
        List<String[]> ubiRows = new ArrayList<>();
        List<String[]> blk = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            Matcher m = PROC_MTD.matcher(line.strip());
            if (m.find()) {
                mtdRows.add(new String[] {m.group(1), m.group(4), m.group(2), m.group(3)});
                continue;
            }
            String[] f = line.strip().split("\\s+");
            switch (f[0]) {
                case "MTDINFO" -> {
                    if (f.length >= 4) {
                        info.put(f[1], new long[] {num(f[2]), num(f[3])});
                    }
                }
                case "UBIVOL" -> {
                    if (f.length >= 6) {
                        ubiRows.add(f);
                    }
                }
                case "UBIMTD" -> {
                    if (f.length >= 3) {
                        ubiMtdNum.put(f[1], f[2]);
                    }
                }
                case "BLK" -> {
                    if (f.length >= 4) {
                        blk.add(f);
                    }
                }
                default -> { }
            }
        }
        List<BoardStorage.MtdPart> mtd = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        for (String[] r : mtdRows) {
            long[] i = info.getOrDefault(r[0], new long[] {MTD_WRITEABLE, 1});
            mtd.add(new BoardStorage.MtdPart(r[0], r[1], 0, Long.parseLong(r[2], 16), Long.parseLong(r[3], 16), i[1]));
            nodes.put("mtd:" + r[1], "/dev/" + r[0]);
            if ((i[0] & MTD_WRITEABLE) == 0) {
                readOnly.add(r[1]);
            }
        }
        String ubiMtd = null;
        List<BoardStorage.UbiVolume> ubi = new ArrayList<>();
        for (String[] v : ubiRows) {
            String dev = v[1];
            String ubiDev = dev.substring(0, dev.indexOf('_'));
            String num = ubiMtdNum.get(ubiDev);
            if (num != null) {
                for (String[] r : mtdRows) {
                    if (r[0].equals("mtd" + num)) {
                        ubiMtd = r[1];
                    }
                }
            }
            ubi.add(new BoardStorage.UbiVolume(Integer.parseInt(dev.substring(dev.indexOf('_') + 1)), v[2],
                    num(v[4]) * num(v[5]), v[3].equals("static"), 0));
            nodes.put("ubi:" + v[2], "/dev/" + dev);
        }
        List<BoardStorage.MmcPart> mmc = new ArrayList<>();
        Medium medium = null;
        for (String[] b : blk) {
            String name = b[1];
            if (name.matches("mmcblk\\d+boot0")) {
                medium = Medium.EMMC;
                nodes.put("boot0", "/dev/" + name);
            } else if (name.matches("mmcblk\\d+p\\d+") && b.length >= 5 && !b[2].equals("-")) {
                long start = num(b[2]);
                mmc.add(new BoardStorage.MmcPart(Integer.parseInt(name.replaceAll(".*p", "")), b[4], start,
                        start + num(b[3]) - 1));
                nodes.put("gpt:" + b[4], "/dev/" + name);
            } else if (name.matches("mmcblk\\d+") && medium == null) {
                medium = Medium.SD;
            }
        }
        BoardStorage st = new BoardStorage(List.copyOf(mtd), ubiMtd, List.copyOf(ubi), List.copyOf(mmc),
                mmc.isEmpty() && medium == null ? null : medium, List.of());
        return new LinuxStorage(st, Map.copyOf(nodes), List.copyOf(readOnly));
    }

    /** The device node of a target. */
    String node(FlashTarget t) {
        return switch (t.method()) {
            case MTD, MTD_COPIES -> nodes.get("mtd:" + t.name());
            case UBI_VOLUME -> nodes.get("ubi:" + t.name());
            case MMC_GPT -> nodes.get("gpt:" + t.name());
            case MMC_BOOT0 -> nodes.get("boot0");
        };
    }

    private static long num(String s) {
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
