package r4rescue.sim.state;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import r4rescue.sim.Sparse;

/**
 * The simulated disks' GPT as bytes: written into a card image (the eMMC GPT its install partition carries) and read
 * back when U-Boot writes the user area's first blocks, so {@code part start} sees what was written. Only the fields
 * the simulation reads (signature, entries' place, first/last block, name); no CRCs, which nothing here checks.
 */
public final class Gpt {

    public static final int SECTOR = 512;
    private static final int ENTRIES_LBA = 2;
    private static final int ENTRY = 128;
    private static final int COUNT = 128;
    private static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);

    private Gpt() {
    }

    /** Header and entries (34 blocks) for {@code parts}, numbered from 1. */
    public static byte[] write(List<Partition> parts) {
        ByteBuffer b = ByteBuffer.allocate((ENTRIES_LBA + COUNT * ENTRY / SECTOR) * SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        b.position(SECTOR);
        b.put(SIGNATURE);
        b.putLong(SECTOR + 72, ENTRIES_LBA);
        b.putInt(SECTOR + 80, COUNT);
        b.putInt(SECTOR + 84, ENTRY);
        for (int i = 0; i < parts.size(); i++) {
            Partition p = parts.get(i);
            int at = ENTRIES_LBA * SECTOR + i * ENTRY;
            b.put(at, (byte) 1); // a non-zero type GUID marks the entry used
            b.putLong(at + 32, p.start / SECTOR);
            b.putLong(at + 40, (p.start + p.size) / SECTOR - 1);
            byte[] name = p.name.getBytes(StandardCharsets.UTF_16LE);
            b.put(at + 56, name, 0, Math.min(name.length, 72));
        }
        return b.array();
    }

    /**
     * The partitions of the GPT at block 1 of {@code disk}; empty without its signature. A partition of {@code before}
     * with the same name and place is kept as it was (with its filesystem).
     */
    public static List<Partition> read(Sparse disk, List<Partition> before) {
        List<Partition> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(disk.read(0, (ENTRIES_LBA + COUNT * ENTRY / SECTOR) * SECTOR)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b.get(SECTOR + i) != SIGNATURE[i]) {
                return out;
            }
        }
        for (int i = 0; i < COUNT; i++) {
            int at = ENTRIES_LBA * SECTOR + i * ENTRY;
            if (b.getLong(at) == 0 && b.getLong(at + 8) == 0) {
                continue;
            }
            long first = b.getLong(at + 32);
            long last = b.getLong(at + 40);
            byte[] name = new byte[72];
            b.get(at + 56, name);
            String n = new String(name, StandardCharsets.UTF_16LE);
            int nul = n.indexOf('\0');
            Partition p = new Partition(i + 1, nul < 0 ? n : n.substring(0, nul), first * SECTOR, (last - first + 1) * SECTOR, "0x83");
            out.add(before.stream().filter(o -> o.name.equals(p.name) && o.start == p.start && o.size == p.size).findFirst().orElse(p));
        }
        return out;
    }
}
