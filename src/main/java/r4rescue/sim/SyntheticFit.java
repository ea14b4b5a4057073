package r4rescue.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Stand-in OpenWrt FIT images (.itb) for the simulated flash: the real FDT magic 0xd00dfeed and
 * big-endian totalsize, a description, and whether it is the production (squashfs) or the
 * recovery (initramfs) image. Contents past the 4 KiB header are zero, so they cost nothing.
 */
public final class SyntheticFit {

    public static final int HEADER = 4096;
    private static final int DESC = 0x40;
    private static final int KIND = 0x100;

    /** The release every stand-in kernel has unless a scenario names another (an upgraded NAND kernel). */
    public static final String RELEASE = "6.6.86";

    public record Info(long totalSize, String description, boolean recovery) {

        /** The kernel's release as {@code uname -r} prints it, from the description "… Linux-6.6.86". */
        public String release() {
            int i = description.lastIndexOf("Linux-");
            return i < 0 ? RELEASE : description.substring(i + "Linux-".length());
        }
    }

    private SyntheticFit() {
    }

    public static byte[] header(long totalSize, boolean recovery) {
        return header(totalSize, recovery, RELEASE);
    }

    public static byte[] header(long totalSize, boolean recovery, String release) {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.putInt(0, 0xd00dfeed);
        b.putInt(4, (int) totalSize);
        b.putInt(8, 0x38);
        b.put(DESC, ("ARM64 OpenWrt Linux-" + release).getBytes(StandardCharsets.US_ASCII));
        b.put(KIND, (recovery ? "initramfs" : "squashfs").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0x200; i < HEADER; i++) {
            b.put(i, (byte) (i * 31 + 7)); // not blank, so inspection sees data
        }
        return b.array();
    }

    /** The FIT's facts, or null when {@code head} does not start with the FDT magic. */
    public static Info parse(byte[] head) {
        ByteBuffer b = ByteBuffer.wrap(head);
        if (head.length < HEADER || b.getInt(0) != 0xd00dfeed) {
            return null;
        }
        long size = b.getInt(4) & 0xffffffffL;
        String desc = text(head, DESC);
        return new Info(size, desc.isEmpty() ? "ARM64 OpenWrt Linux" : desc, text(head, KIND).equals("initramfs"));
    }

    private static String text(byte[] d, int off) {
        int n = off;
        while (n < d.length && d[n] != 0) {
            n++;
        }
        return new String(d, off, n - off, StandardCharsets.US_ASCII);
    }
}
