package r4rescue.board;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/**
 * Stand-in BL2 and FIP files with the real headers and random payloads, for the simulated
 * board's flash and for tests: {@link ImageInspector} accepts them as it would the real files.
 */
public final class SyntheticImages {

    private SyntheticImages() {
    }

    /** A BL2 for {@code medium} with a payload of {@code payload} bytes. */
    public static byte[] bl2(Medium medium, int payload, long seed) {
        int gfhOffset;
        ByteBuffer b;
        int gfhSize = 0x100;
        switch (medium) {
            case SNAND -> {
                gfhOffset = 0x800; // after one 2 KiB page holding the NAND header
                b = buffer(gfhOffset + gfhSize + payload);
                put(b, 0, "BOOTLOADER!");
                put(b, 12, "V006");
                put(b, 16, "NFIINFO");
            }
            case EMMC, SD, NOR -> {
                gfhOffset = 0x400;
                b = buffer(gfhOffset + gfhSize + payload);
                put(b, 0, medium == Medium.EMMC ? "EMMC_BOOT" : medium == Medium.SD ? "SDMMC_BOOT" : "SF_BOOT");
                b.putInt(12, 1);
                b.putInt(16, 0x200);
                put(b, 0x200, "BRLYT");
                b.putInt(0x208, 1);
                b.putInt(0x20c, 0x400);
                b.putInt(0x210, gfhSize + payload);
                b.putInt(0x214, 0x42424242);
                b.putInt(0x218, medium == Medium.EMMC ? 0x10005 : medium == Medium.SD ? 0x10008 : 0x10007);
                b.putInt(0x21c, 0x400);
                b.putInt(0x220, gfhSize + payload);
            }
            default -> throw new IllegalArgumentException("no BL2 for " + medium);
        }
        put(b, gfhOffset, "MMM");
        b.put(gfhOffset + 3, (byte) 1);
        b.putShort(gfhOffset + 4, (short) 0x38);
        b.putShort(gfhOffset + 6, (short) 0);
        put(b, gfhOffset + 8, "FILE_INFO");
        b.putInt(gfhOffset + 32, gfhSize + payload);
        fill(b, gfhOffset + gfhSize, payload, seed);
        return b.array();
    }

    /**
     * A RAM BL2 as OpenWrt builds it (raw {@code bl2.bin}, no Boot ROM header) with TF-A's UART
     * download in it (the marker {@code board}'s {@code uartboot.json} names), {@code size} bytes.
     */
    public static byte[] ramBl2(BoardProfile board, int size, long seed) {
        ByteBuffer b = buffer(size);
        fill(b, 0, size, seed);
        b.putInt(0, 0xd53800a0); // mrs x0, mpidr_el1: an AArch64 instruction where a header would be
        put(b, size / 2, "NOTICE:  " + board.uartBoot().ramBl2Marker() + " ...\n\0");
        return b.array();
    }

    /** A FIP holding a BL31 and a BL33 (U-Boot) of the given sizes. */
    public static byte[] fip(int bl31, int bl33, long seed) {
        HexFormat hex = HexFormat.of();
        int header = 16 + 3 * 40;
        ByteBuffer b = buffer(header + bl31 + bl33);
        b.putInt(0, 0xAA640001);
        b.putInt(4, 0x12345678);
        b.put(16, hex.parseHex("47d4086d4cfe98469b952950cbbd5a00"));
        b.putLong(32, header);
        b.putLong(40, bl31);
        b.put(56, hex.parseHex("d6d0eea7fcead54b97829934f234b6e4"));
        b.putLong(72, header + bl31);
        b.putLong(80, bl33);
        fill(b, header, bl31 + bl33, seed);
        return b.array();
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void put(ByteBuffer b, int off, String ascii) {
        b.put(off, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static void fill(ByteBuffer b, int off, int len, long seed) {
        byte[] r = new byte[len];
        new Random(seed).nextBytes(r);
        b.put(off, r);
    }
}
