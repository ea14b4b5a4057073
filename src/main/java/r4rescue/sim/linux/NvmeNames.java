package r4rescue.sim.linux;

import r4rescue.sim.state.Disk;
import r4rescue.sim.state.Partition;

/** Linux names of the NVMe SSD and its partitions: /dev/nvme0n1, /dev/nvme0n1pN (major 259). */
final class NvmeNames {

    private NvmeNames() {
    }

    /**
     * The first MiB of the SSD, or the first 4 KiB of a partition, as a reader with dd sees them: the
     * sim keeps tables and filesystems as objects, so their on-disk signatures are made here
     * (protective MBR + "EFI PART" for GPT, MBR entries for DOS, the ext4 superblock magic 0xEF53 at 1080, UUID, label).
     */
    static byte[] head(Disk d, String dev) {
        Partition p = partition(d, dev);
        if (p != null) {
            byte[] b = new byte[4096];
            if (p.fs != null && p.fs.type.startsWith("ext")) {
                b[1080] = 0x53;
                b[1081] = (byte) 0xef;
                byte[] name = p.fs.label == null ? new byte[0] : p.fs.label.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                System.arraycopy(name, 0, b, 1144, Math.min(16, name.length));
                if (p.fs.uuid != null) {
                    // s_uuid at 1128, which extroot's fstab entry names (no blkid on stock OpenWrt)
                    java.util.UUID u = java.util.UUID.fromString(p.fs.uuid);
                    java.nio.ByteBuffer.wrap(b, 1128, 16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
                }
            }
            return b;
        }
        return read(d, 0, 1 << 20);
    }

    /**
     * {@code len} bytes of the whole SSD at {@code off}: once dd has written to it, its bytes (which
     * began as these signatures); before, the signatures made from the table objects.
     */
    static byte[] read(Disk d, long off, int len) {
        if (d.raw != null) {
            return d.raw.read(off, len);
        }
        byte[] b = new byte[1 << 20];
        if (d.label != null) {
            b[510] = 0x55;
            b[511] = (byte) 0xaa;
            if (d.label.equals("gpt")) {
                b[446 + 4] = (byte) 0xee;
                System.arraycopy("EFI PART".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 512, 8);
            } else {
                for (int i = 0; i < Math.min(4, d.partitions.size()); i++) {
                    b[446 + 16 * i + 4] = (byte) 0x83;
                }
            }
        }
        byte[] out = new byte[len];
        if (off < b.length) {
            System.arraycopy(b, (int) off, out, 0, (int) Math.min(len, b.length - off));
        }
        return out;
    }

    /** The partition a device path such as {@code /dev/nvme0n1p2} names, or null. */
    static Partition partition(Disk d, String dev) {
        if (d == null || !d.present || dev == null || !dev.startsWith("/dev/nvme0n1p")) {
            return null;
        }
        try {
            return d.partition(Integer.parseInt(dev.substring("/dev/nvme0n1p".length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
