package r4rescue.sim.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import r4rescue.sim.state.Disk;
import r4rescue.sim.state.Partition;

/**
 * rmmod/insmod of stock OpenWrt's kmod-nvme (ubox's kmodloader). Loading the driver scans the SSD
 * again, as the kernel's block/partitions/efi.c does: a GPT that dd wrote becomes the partitions.
 * Messages and exit status (-1, so 255) as openwrt/ubox kmodloader.c main_rmmod/main_insmod give them.
 */
final class NvmeModule {

    private NvmeModule() {
    }

    static void register(Map<String, Program> m) {
        m.put("rmmod", NvmeModule::rmmod);
        m.put("insmod", NvmeModule::insmod);
    }

    private static boolean isNvme(List<String> a) {
        return a.size() == 2 && a.get(1).replaceAll(".*/|\\.ko$", "").equals("nvme");
    }

    private static boolean modular(LinuxSystem s) {
        return s.state.nvme != null && s.state.nvme.present && "module".equals(s.state.nvme.driver);
    }

    private static int rmmod(LinuxSystem s, List<String> a, Io io) {
        if (!isNvme(a) || !modular(s) || s.nvmeUnloaded) {
            io.error("module is not loaded");
            return 255;
        }
        if (s.nvmeInUse()) {
            io.error("unloading the module failed");
            return 255;
        }
        s.nvmeUnloaded = true;
        return 0;
    }

    private static int insmod(LinuxSystem s, List<String> a, Io io) {
        if (!isNvme(a) || !modular(s)) {
            io.error("Failed to find " + (a.size() > 1 ? a.get(1) : "") + ". Maybe it is a built in module ?");
            return 255;
        }
        if (!s.nvmeUnloaded) {
            io.error("module is already loaded - nvme");
            return 255;
        }
        s.nvmeUnloaded = false;
        reread(s.state.nvme);
        return 0;
    }

    /** The table the driver finds on probe: a valid primary GPT in what dd wrote, else the table as it was. */
    static void reread(Disk d) {
        if (d.raw == null) {
            return;
        }
        List<Partition> parts = gpt(d);
        if (parts == null) {
            return;
        }
        for (Partition p : parts) {
            for (Partition old : d.partitions) {
                if (old.start == p.start && old.size == p.size) {
                    p.fs = old.fs;
                }
            }
        }
        d.label = "gpt";
        d.partitions = parts;
    }

    private static List<Partition> gpt(Disk d) {
        ByteBuffer h = ByteBuffer.wrap(d.raw.read(512, 512)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] hb = h.array().clone();
        if (!new String(hb, 0, 8, StandardCharsets.US_ASCII).equals("EFI PART")) {
            return null;
        }
        int headerSize = h.getInt(12);
        int headerCrc = h.getInt(16);
        java.util.Arrays.fill(hb, 16, 20, (byte) 0);
        if (headerSize < 92 || headerSize > 512 || crc(hb, headerSize) != headerCrc) {
            return null;
        }
        long entriesLba = h.getLong(72);
        int count = h.getInt(80);
        int size = h.getInt(84);
        byte[] entries = d.raw.read(entriesLba * 512, count * size);
        if (crc(entries, entries.length) != h.getInt(88)) {
            return null;
        }
        ByteBuffer e = ByteBuffer.wrap(entries).order(ByteOrder.LITTLE_ENDIAN);
        List<Partition> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID type = guid(e, i * size);
            if (type.getMostSignificantBits() == 0 && type.getLeastSignificantBits() == 0) {
                continue;
            }
            long first = e.getLong(i * size + 32);
            long last = e.getLong(i * size + 40);
            String name = new String(entries, i * size + 56, 72, StandardCharsets.UTF_16LE).replaceAll("\u0000.*", "");
            Partition p = new Partition(i + 1, name, first * 512, (last - first + 1) * 512, type.toString().toUpperCase(Locale.ROOT));
            p.uuid = guid(e, i * size + 16).toString();
            out.add(p);
        }
        return out;
    }

    private static UUID guid(ByteBuffer b, int at) {
        long hi = ((long) b.getInt(at) << 32) | ((b.getShort(at + 4) & 0xffffL) << 16) | (b.getShort(at + 6) & 0xffffL);
        return new UUID(hi, b.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(at + 8));
    }

    private static int crc(byte[] b, int len) {
        CRC32 c = new CRC32();
        c.update(b, 0, len);
        return (int) c.getValue();
    }
}
