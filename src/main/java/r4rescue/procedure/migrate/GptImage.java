package r4rescue.procedure.migrate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;
import r4rescue.util.Texts;

/**
 * A GPT computed on the host, for a board with neither sfdisk nor fdisk (OpenWrt's BusyBox is built
 * with FDISK=n). Our own code rather than a library: a GPT is a few fixed structures (UEFI spec
 * chapter 5) with two CRC32s, and no Java library writes one to a byte array for a disk we only know by
 * size. The result is two pieces: {@link #head()} (protective MBR, primary header, entries: the first
 * 34 sectors) and {@link #tail()} (backup entries and backup header: the last 33 sectors).
 */
public final class GptImage {

    public static final int SECTOR = 512;
    static final int ENTRIES = 128;
    static final int ENTRY_SIZE = 128;
    /** Sectors the entry array takes: 128 entries of 128 bytes. */
    static final int ENTRY_SECTORS = ENTRIES * ENTRY_SIZE / SECTOR;
    static final long ALIGN = (1L << 20) / SECTOR;

    /** One partition: first and last sector (inclusive) and its GPT name. */
    public record Part(long first, long last, String name) {
    }

    private final long sectors;
    private final List<Part> parts;
    private final byte[] head;
    private final byte[] tail;

    private GptImage(long sectors, List<Part> parts, UUID type, Random random) {
        this.sectors = sectors;
        this.parts = parts;
        byte[] entries = new byte[ENTRY_SECTORS * SECTOR];
        ByteBuffer e = ByteBuffer.wrap(entries).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            e.position(i * ENTRY_SIZE);
            putGuid(e, type);
            putGuid(e, randomUuid(random));
            e.putLong(p.first()).putLong(p.last()).putLong(0);
            e.put(p.name().getBytes(StandardCharsets.UTF_16LE), 0, Math.min(72, p.name().length() * 2));
        }
        long entriesCrc = crc(entries, 0, entries.length);
        UUID disk = randomUuid(random);
        long backupEntries = sectors - 1 - ENTRY_SECTORS;
        head = new byte[(2 + ENTRY_SECTORS) * SECTOR];
        protectiveMbr(ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN));
        header(head, SECTOR, 1, sectors - 1, 2, disk, entriesCrc);
        System.arraycopy(entries, 0, head, 2 * SECTOR, entries.length);
        tail = new byte[(ENTRY_SECTORS + 1) * SECTOR];
        System.arraycopy(entries, 0, tail, 0, entries.length);
        header(tail, entries.length, sectors - 1, 1, backupEntries, disk, entriesCrc);
    }

    /** The layout's partitions on a disk of {@code bytes}, 1 MiB aligned, with random GUIDs. */
    public static GptImage of(SsdLayout layout, MigrateConfig cfg, long bytes) {
        return of(layout, UUID.fromString(cfg.linuxPartitionType()), bytes, new SecureRandom());
    }

    static GptImage of(SsdLayout layout, UUID type, long bytes, Random random) {
        long sectors = bytes / SECTOR;
        long lastUsable = sectors - 2 - ENTRY_SECTORS;
        // the last partition ends on a MiB boundary too, as sfdisk's default does
        long end = (lastUsable + 1) / ALIGN * ALIGN - 1;
        List<Part> parts = new ArrayList<>();
        long first = ALIGN;
        List<String> labels = layout.labels();
        for (int i = 0; i < labels.size(); i++) {
            boolean rest = layout.kind() == SsdLayout.Kind.SINGLE || i == labels.size() - 1;
            long last = rest ? end : first + layout.rootMiB() * ALIGN - 1;
            if (last <= first || last > end) {
                throw new IllegalArgumentException(Texts.t("proc.gpt.aDiskOf", (bytes >> 20), labels));
            }
            parts.add(new Part(first, last, labels.get(i)));
            first = last + 1;
        }
        return new GptImage(sectors, List.copyOf(parts), type, random);
    }

    /** Bytes for sectors 0..33: protective MBR, primary header, primary entries. */
    public byte[] head() {
        return head.clone();
    }

    /** Bytes for the last 33 sectors: backup entries, then the backup header in the last sector. */
    public byte[] tail() {
        return tail.clone();
    }

    /** The byte offset on the disk where {@link #tail()} goes. */
    public long tailOffset() {
        return (sectors - 1 - ENTRY_SECTORS) * SECTOR;
    }

    public List<Part> parts() {
        return parts;
    }

    private void protectiveMbr(ByteBuffer b) {
        b.position(446);
        b.put((byte) 0).put((byte) 0).put((byte) 2).put((byte) 0); // not bootable, CHS 0/0/2
        b.put((byte) 0xEE).put((byte) 0xFF).put((byte) 0xFF).put((byte) 0xFF);
        b.putInt(1).putInt((int) Math.min(sectors - 1, 0xFFFFFFFFL));
        b.position(510);
        b.put((byte) 0x55).put((byte) 0xAA);
    }

    private void header(byte[] into, int at, long current, long backup, long entriesLba, UUID disk, long entriesCrc) {
        ByteBuffer h = ByteBuffer.wrap(into, at, SECTOR).slice().order(ByteOrder.LITTLE_ENDIAN);
        h.put("EFI PART".getBytes(StandardCharsets.US_ASCII)).putInt(0x00010000).putInt(92).putInt(0).putInt(0);
        h.putLong(current).putLong(backup).putLong(2 + ENTRY_SECTORS).putLong(sectors - 2 - ENTRY_SECTORS);
        putGuid(h, disk);
        h.putLong(entriesLba).putInt(ENTRIES).putInt(ENTRY_SIZE).putInt((int) entriesCrc);
        h.putInt(16, (int) crc(into, at, 92));
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }

    /** GUIDs on disk: the first three fields little-endian, the last two as bytes. */
    private static void putGuid(ByteBuffer b, UUID u) {
        long hi = u.getMostSignificantBits();
        b.putInt((int) (hi >>> 32)).putShort((short) (hi >>> 16)).putShort((short) hi);
        b.order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static UUID randomUuid(Random r) {
        byte[] b = new byte[16];
        r.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        ByteBuffer bb = ByteBuffer.wrap(b);
        return new UUID(bb.getLong(), bb.getLong());
    }
}
