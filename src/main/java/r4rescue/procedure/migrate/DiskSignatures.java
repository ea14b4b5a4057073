package r4rescue.procedure.migrate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tells an empty SSD from a used one without blkid: the first sectors as {@code hexdump -C} (or
 * {@code od -Ax -tx1}) prints them, searched for a partition table or filesystem signature. Our own
 * code because the stock image has no blkid, and the few signatures that matter are fixed offsets:
 * MBR 55 AA at 510 (GPT keeps a protective MBR there too), "EFI PART" at 512, the ext2/3/4
 * superblock magic EF53 at 1080 and its volume name at 1144 (Documentation/filesystems/ext4/super.rst),
 * F2FS 0xF2F52010 at 1024, "XFSB" at 0, "FAT" at 54 or 82, a swap signature at 4086.
 */
public final class DiskSignatures {

    private DiskSignatures() {
    }

    /**
     * The bytes a dump shows, from offset 0 up to the last offset printed (a {@code *} line repeats the
     * line before it up to the next offset). {@code maxBytes} caps the result.
     */
    public static byte[] parseDump(String dump, int maxBytes) {
        byte[] out = new byte[maxBytes];
        int end = 0;
        byte[] prev = null;
        int prevOff = -1;
        boolean repeat = false;
        for (String line : dump.split("\n")) {
            String t = line.strip();
            if (t.equals("*")) {
                repeat = true;
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length == 0 || !f[0].matches("[0-9a-fA-F]{6,16}")) {
                continue;
            }
            long off = Long.parseLong(f[0], 16);
            if (off >= maxBytes) {
                end = maxBytes;
                break;
            }
            if (repeat && prev != null) {
                for (long o = prevOff + prev.length; o + prev.length <= off && o + prev.length <= maxBytes; o += prev.length) {
                    System.arraycopy(prev, 0, out, (int) o, prev.length);
                }
            }
            repeat = false;
            List<Byte> bytes = new ArrayList<>();
            for (int i = 1; i < f.length && f[i].matches("[0-9a-fA-F]{2}"); i++) {
                bytes.add((byte) Integer.parseInt(f[i], 16));
            }
            int n = (int) Math.min(bytes.size(), maxBytes - off);
            for (int i = 0; i < n; i++) {
                out[(int) off + i] = bytes.get(i);
            }
            end = (int) Math.max(end, off + n);
            if (!bytes.isEmpty()) {
                prev = Arrays.copyOfRange(out, (int) off, (int) off + n);
                prevOff = (int) off;
            } else {
                end = (int) Math.max(end, off);
            }
        }
        return Arrays.copyOf(out, end);
    }

    /** What the first bytes of a disk or partition hold, in words; empty when they are all zero. */
    public static List<String> found(byte[] b) {
        List<String> out = new ArrayList<>();
        if (at(b, 512, "EFI PART")) {
            out.add("GPT partition table (\"EFI PART\" at byte 512)");
        } else if (u8(b, 510) == 0x55 && u8(b, 511) == 0xaa) {
            out.add("MBR partition table or boot sector (55 AA at byte 510)");
        }
        String ext = ext4Label(b);
        if (ext != null) {
            out.add("ext2/3/4 filesystem" + (ext.isEmpty() ? "" : " labelled \"" + ext + "\""));
        }
        if (u8(b, 1024) == 0x10 && u8(b, 1025) == 0x20 && u8(b, 1026) == 0xf5 && u8(b, 1027) == 0xf2) {
            out.add("F2FS filesystem");
        }
        if (at(b, 0, "XFSB")) {
            out.add("XFS filesystem");
        }
        if (at(b, 54, "FAT") || at(b, 82, "FAT")) {
            out.add("FAT filesystem");
        }
        if (at(b, 4086, "SWAPSPACE2")) {
            out.add("swap space");
        }
        if (out.isEmpty()) {
            for (int i = 0; i < b.length; i++) {
                if (b[i] != 0) {
                    out.add("unknown data (non-zero bytes from byte " + i + ")");
                    break;
                }
            }
        }
        return out;
    }

    /** The ext2/3/4 volume name in the first bytes of a partition, or null when they hold no such superblock. */
    public static String ext4Label(byte[] b) {
        if (u8(b, 1080) != 0x53 || u8(b, 1081) != 0xef) {
            return null;
        }
        return b.length >= 1160 ? new String(b, 1144, 16, StandardCharsets.ISO_8859_1).replace("\0", "") : "";
    }

    /**
     * The ext2/3/4 filesystem UUID (superblock s_uuid, byte 0x68), as block-mount and blkid write it,
     * or null without a superblock: stock OpenWrt has no blkid, so extroot's fstab UUID comes from dd.
     */
    public static String ext4Uuid(byte[] b) {
        if (ext4Label(b) == null || b.length < 1144) {
            return null;
        }
        StringBuilder h = new StringBuilder();
        for (int i = 1128; i < 1144; i++) {
            h.append(String.format("%02x", u8(b, i)));
        }
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
    }

    private static int u8(byte[] b, int i) {
        return i < b.length ? b[i] & 0xff : 0;
    }

    private static boolean at(byte[] b, int off, String ascii) {
        byte[] s = ascii.getBytes(StandardCharsets.US_ASCII);
        return b.length >= off + s.length && Arrays.equals(Arrays.copyOfRange(b, off, off + s.length), s);
    }
}
