package r4rescue.procedure.flash;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.Stopped;

/** Parsing U-Boot's storage listings and picking the layout from them. */
@Tag("unit")
class BoardStorageTest {

    /** Real output of U-Boot 2023.01 under QEMU with mtdparts set (partition lines indented with a tab). */
    static final String QEMU_MTD_LIST = """
            List of MTD devices:
            * nor0
              - device: flash@0
              - parent: root_driver
              - driver: cfi_flash
              - path: /flash@0
              - type: NOR flash
              - block size: 0x20000 bytes
              - min I/O: 0x1 bytes
              - 0x000000000000-0x000002000000 : "nor0"
            * nor1
              - device: flash@0
              - parent: root_driver
              - driver: cfi_flash
              - path: /flash@0
              - type: NOR flash
              - block size: 0x20000 bytes
              - min I/O: 0x1 bytes
              - 0x000000000000-0x000002000000 : "nor1"
            \t  - 0x000000000000-0x000000080000 : "BL2"
            \t  - 0x000000080000-0x000000280000 : "FIP"
            \t  - 0x000000280000-0x000002000000 : "ubi"
            """;

    static final String NAND_MTD_LIST = """
            List of MTD devices:
            * spi-nand0
              - device: spi_nand@0
              - type: NAND flash
              - block size: 0x20000 bytes
              - min I/O: 0x800 bytes
              - 0x000000000000-0x000000200000 : "bl2"
              - 0x000000200000-0x000008000000 : "ubi"
            """;

    static final String UBI_INFO = """
            Volume information dump:
            \tvol_id          0
            \treserved_pebs   9
            \talignment       1
            \tvol_type        3
            \tname_len        8
            \tusable_leb_size 126976
            \tused_bytes      1142784
            \tname            ubootenv
            Volume information dump:
            \tvol_id          2
            \treserved_pebs   17
            \tvol_type        4
            \tusable_leb_size 126976
            \tused_bytes      1048576
            \tcorrupted       0
            \tname            fip
            """;

    static final String MMC_PART = """

            Partition Map for MMC device 0  --   Partition Type: EFI

            Part\tStart LBA\tEnd LBA\t\tName
            \tAttributes
            \tType GUID
            \tPartition GUID
              1\t0x00002000\t0x000023ff\t"ubootenv"
            \tattrs:\t0x0000000000000000
              3\t0x00003400\t0x000053ff\t"fip"
            \tattrs:\t0x0000000000000000
            """;

    @Test
    void qemuMtdListGivesPartitionsOfItsDeviceOnly() {
        List<BoardStorage.MtdPart> p = BoardStorage.parseMtdList(QEMU_MTD_LIST);
        assertEquals(List.of("BL2", "FIP", "ubi"), p.stream().map(BoardStorage.MtdPart::name).toList());
        assertEquals(new BoardStorage.MtdPart("nor1", "FIP", 0x80000, 0x200000, 0x20000, 1), p.get(1));
    }

    @Test
    void ubiAndMmcListings() {
        List<BoardStorage.UbiVolume> v = BoardStorage.parseUbiInfo(UBI_INFO);
        assertEquals(2, v.size());
        assertEquals(new BoardStorage.UbiVolume(2, "fip", 17L * 126976, true, 1048576), v.get(1));
        assertFalse(v.get(0).isStatic());
        List<BoardStorage.MmcPart> g = BoardStorage.parseMmcPart(MMC_PART);
        assertEquals(2, g.size());
        assertEquals(0x3400, g.get(1).startLba());
        assertEquals(4L << 20, g.get(1).size());
    }

    private static FlashImage fip(String name, Medium m) throws FlashRefused {
        return new ImageCheck(Boards.R4).check(name, SyntheticImages.fip(1000, 3000, 1), Role.FIP, m, false);
    }

    @Test
    void layoutIsChosenByWhatTheBoardHas() throws Exception {
        TargetResolver r = new TargetResolver(FlashLayouts.of(Boards.R4));
        BoardStorage qemu = new BoardStorage(BoardStorage.parseMtdList(QEMU_MTD_LIST), null, List.of(), List.of(), null, List.of());
        FlashTarget t = r.resolve(qemu, fip("fip.bin", null));
        assertEquals("mtk-sdk-snand", t.layout().id());
        assertEquals("FIP", t.name(), "matched case-insensitively, written with the board's spelling");

        BoardStorage openwrt = new BoardStorage(BoardStorage.parseMtdList(NAND_MTD_LIST), "ubi",
                BoardStorage.parseUbiInfo(UBI_INFO), List.of(), null, List.of());
        FlashTarget u = r.resolve(openwrt, fip("fip.bin", null));
        assertEquals(Method.UBI_VOLUME, u.method());
        FlashImage bl2 = new ImageCheck(Boards.R4).check("p.bin", SyntheticImages.bl2(Medium.SNAND, 1000, 2), Role.BL2, null, false);
        FlashTarget b = r.resolve(openwrt, bl2);
        assertEquals(List.of(0L, 0x80000L, 0x100000L, 0x180000L), b.offsets());
        assertEquals(2048, b.writeUnit());

        // The same GPT on an SD card (partconf refused) is not the eMMC layout.
        BoardStorage sd = new BoardStorage(List.of(), null, List.of(), BoardStorage.parseMmcPart(MMC_PART), Medium.SD, List.of());
        assertThrows(Stopped.class, () -> r.resolve(sd, fip("fip.bin", Medium.EMMC)));
        BoardStorage emmc = new BoardStorage(List.of(), null, List.of(), BoardStorage.parseMmcPart(MMC_PART), Medium.EMMC, List.of());
        assertEquals("openwrt-emmc", r.resolve(emmc, fip("fip.bin", null)).layout().id());

        // NAND and eMMC both hold a FIP: the file name decides, else the user must.
        BoardStorage both = new BoardStorage(openwrt.mtd(), "ubi", openwrt.ubi(), emmc.mmc(), Medium.EMMC, List.of());
        assertEquals(Medium.EMMC, r.resolve(both, fip("openwrt-emmc-bl31-uboot.fip", null)).layout().medium());
        assertEquals(Medium.SNAND, r.resolve(both, fip("openwrt-snand-bl31-uboot.fip", null)).layout().medium());
        FlashRefused amb = assertThrows(FlashRefused.class, () -> r.resolve(both, fip("fip.bin", null)));
        assertTrue(amb.boardAsked());
    }

    @Test
    void gzipIsUnpackedOnlyWhenAsked() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.EMMC, 5000, 3);
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(b)) {
            g.write(bl2);
        }
        assertThrows(FlashRefused.class, () -> new ImageCheck(Boards.R4).check("x.bin.gz", b.toByteArray(), Role.BL2, null, false));
        FlashImage img = new ImageCheck(Boards.R4).check("x.bin.gz", b.toByteArray(), Role.BL2, null, true);
        assertArrayEquals(bl2, img.data());
        assertEquals("x.bin", img.name());
        assertEquals(Medium.EMMC, img.medium());
        assertTrue(img.decompressed());
    }

    @Test
    void paddingFillsTheLastPageWithErasedBytes() {
        byte[] d = {1, 2, 3};
        byte[] p = UBootFlash.pad(d, 2048);
        assertEquals(2048, p.length);
        assertEquals((byte) 0xff, p[2047]);
        assertSame(d, UBootFlash.pad(d, 1));
    }
}
