package r4rescue.sim.linux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import r4rescue.board.BoardProfile;
import r4rescue.sim.state.MmcDevice;
import r4rescue.sim.state.Partition;
import r4rescue.sim.state.UbiVolume;

/**
 * The sysfs classes Linux shows for the storage, generated from the board's NAND, UBI and MMC
 * state: {@code /sys/class/mtd/mtdN} (and the {@code mtdNro} twins), {@code /sys/class/ubi/ubi0}
 * and {@code ubi0_N}, {@code /sys/class/block/NAME} (with {@code force_ro} on the eMMC boot area). Attribute formats follow the kernel
 * (drivers/mtd/mtdcore.c, drivers/mtd/ubi/build.c and vmt.c, block/partitions/core.c).
 */
final class SysClass {

    /** MTD_WRITEABLE: OpenWrt's device tree marks {@code bl2} read-only, so Linux clears it there. */
    private static final int MTD_WRITEABLE = 0x400;
    private static final int NAND_PAGE = 2048;
    private static final int PEB = 0x20000;
    /** Usable LEB bytes: the PEB less the EC and VID header pages. */
    static final int LEB = 126_976;

    private static final List<String> MTD_FILES = List.of("erasesize", "flags", "name", "size", "type", "writesize");
    private static final List<String> UBI_DEV_FILES = List.of("eraseblock_size", "mtd_num", "total_eraseblocks",
            "volumes_count");
    private static final List<String> UBI_VOL_FILES = List.of("alignment", "data_bytes", "name", "reserved_ebs", "type",
            "usable_eb_size");
    private static final List<String> BLOCK_FILES = List.of("dev", "ro", "size", "uevent");

    private final LinuxSystem s;

    SysClass(LinuxSystem s) {
        this.s = s;
    }

    /** Entries of a directory under /sys/class (empty when not one of these). */
    List<String> dir(String p) {
        switch (p) {
            case "/sys/class/mtd" -> {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < s.mtdParts().size(); i++) {
                    out.add("mtd" + i);
                    out.add("mtd" + i + "ro");
                }
                return out;
            }
            case "/sys/class/ubi" -> {
                List<String> out = new ArrayList<>();
                if (ubiMtd() >= 0) {
                    out.add("ubi0");
                    for (int i = 0; i < volumes().size(); i++) {
                        out.add("ubi0_" + i);
                    }
                }
                out.add("version");
                return out;
            }
            case "/sys/class/block" -> {
                return s.blockRows().stream().map(LinuxSystem.BlockRow::name).toList();
            }
            default -> {
                String[] f = p.split("/");
                if (f.length != 5) {
                    return List.of();
                }
                if (f[3].equals("mtd") && mtd(f[4]) != null) {
                    return f[4].endsWith("ro") ? List.of("dev", "uevent") : MTD_FILES; // mtdNro has no attribute group
                }
                if (f[3].equals("ubi") && f[4].equals("ubi0") && ubiMtd() >= 0) {
                    return UBI_DEV_FILES;
                }
                if (f[3].equals("ubi") && volume(f[4]) != null) {
                    return UBI_VOL_FILES;
                }
                if (f[3].equals("block") && row(f[4]) != null) {
                    if (f[4].matches("mmcblk\\d+boot\\d")) {
                        return List.of("dev", "force_ro", "ro", "size", "uevent"); // drivers/mmc/core/block.c adds force_ro
                    }
                    return row(f[4]).parent() == null ? BLOCK_FILES : List.of("dev", "ro", "size", "start", "uevent");
                }
                return List.of();
            }
        }
    }

    /** Contents of a file under /sys/class, or null. */
    byte[] file(String p) {
        if (p.equals("/sys/class/ubi/version")) {
            return text("1");
        }
        int slash = p.lastIndexOf('/');
        String dir = p.substring(0, slash);
        String attr = p.substring(slash + 1);
        if (!dir(dir).contains(attr)) {
            return null;
        }
        String name = dir.substring(dir.lastIndexOf('/') + 1);
        if (dir.startsWith("/sys/class/mtd/")) {
            BoardProfile.Part part = mtd(name);
            int minor = s.mtdParts().indexOf(part) * 2 + (name.endsWith("ro") ? 1 : 0);
            return text(switch (attr) {
                case "dev" -> "90:" + minor;
                case "uevent" -> "MAJOR=90\nMINOR=" + minor + "\nDEVNAME=" + name;
                case "erasesize" -> Integer.toString(PEB);
                case "flags" -> "0x" + Integer.toHexString(part.name().equals("bl2") ? 0 : MTD_WRITEABLE);
                case "name" -> part.name();
                case "size" -> Long.toString(part.size());
                case "type" -> "nand";
                default -> Integer.toString(NAND_PAGE);
            });
        }
        if (dir.equals("/sys/class/ubi/ubi0")) {
            BoardProfile.Part part = s.mtdParts().get(ubiMtd());
            return text(switch (attr) {
                case "eraseblock_size" -> Integer.toString(LEB);
                case "mtd_num" -> Integer.toString(ubiMtd());
                case "total_eraseblocks" -> Long.toString(part.size() / PEB);
                default -> Integer.toString(volumes().size());
            });
        }
        if (dir.startsWith("/sys/class/ubi/")) {
            UbiVolume v = volume(name);
            return text(switch (attr) {
                case "alignment" -> "1";
                case "data_bytes" -> Long.toString(v.isStatic ? v.dataSize : reservedEbs(v) * LEB);
                case "name" -> v.name;
                case "reserved_ebs" -> Long.toString(reservedEbs(v));
                case "type" -> v.isStatic ? "static" : "dynamic";
                default -> Integer.toString(LEB);
            });
        }
        LinuxSystem.BlockRow r = row(name);
        return text(switch (attr) {
            case "dev" -> r.major() + ":" + r.minor();
            case "ro", "force_ro" -> r.ro() ? "1" : "0";
            case "size" -> Long.toString(r.size() / 512);
            case "start" -> Long.toString(partition(r).start / 512);
            default -> uevent(r);
        });
    }

    /** The index of the MTD partition UBI attached as ubi0, or -1 when none is attached. */
    int ubiMtd() {
        if (s.state.nand == null || !s.state.nand.ubiAttached) {
            return -1;
        }
        List<BoardProfile.Part> parts = s.mtdParts();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).name().equals("ubi")) {
                return i;
            }
        }
        return -1;
    }

    /** The UBI volumes in volume-ID order (the order they were made, as U-Boot numbers them too). */
    List<UbiVolume> volumes() {
        return ubiMtd() < 0 ? List.of() : List.copyOf(s.state.nand.volumes.values());
    }

    /** The volume behind {@code ubi0_N} (a sysfs name or a /dev node's last part), or null. */
    UbiVolume volume(String name) {
        if (!name.matches("ubi0_\\d{1,3}")) {
            return null;
        }
        int id = Integer.parseInt(name.substring(5));
        List<UbiVolume> v = volumes();
        return id < v.size() ? v.get(id) : null;
    }

    static long reservedEbs(UbiVolume v) {
        return (v.size + LEB - 1) / LEB;
    }

    private BoardProfile.Part mtd(String name) {
        if (!name.matches("mtd\\d+(ro)?")) {
            return null;
        }
        int i = s.mtdIndex("/dev/" + name.replace("ro", ""));
        return i < 0 ? null : s.mtdParts().get(i);
    }

    private LinuxSystem.BlockRow row(String name) {
        for (LinuxSystem.BlockRow r : s.blockRows()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** The GPT entry behind a partition row (MMC or NVMe). */
    private Partition partition(LinuxSystem.BlockRow r) {
        List<Partition> parts = r.parent().startsWith("mmcblk") ? s.mmc().partitions : s.state.nvme.partitions;
        for (Partition p : parts) {
            if (r.name().endsWith("p" + p.number)) {
                return p;
            }
        }
        throw new IllegalStateException(r.name());
    }

    private String uevent(LinuxSystem.BlockRow r) {
        StringBuilder b = new StringBuilder();
        b.append("MAJOR=").append(r.major()).append("\nMINOR=").append(r.minor()).append("\nDEVNAME=").append(r.name())
                .append("\nDEVTYPE=").append(r.type().equals("part") ? "partition" : "disk");
        if (r.parent() != null) {
            Partition p = partition(r);
            b.append("\nPARTN=").append(p.number);
            if (p.name != null && !p.name.isEmpty()) {
                b.append("\nPARTNAME=").append(p.name);
            }
        }
        return b.toString();
    }

    private static byte[] text(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
