package r4rescue.board;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board's RAM size from its own words, and the RAM size a BL2 was built for. */
@Tag("unit")
class DramSizeTest {

    private final DramSize dram = DramSize.of(Boards.R4).orElseThrow();

    /** A BL2 carrying OpenWrt's TF-A build string, as BUILD_STRING puts it in the binary. */
    static byte[] bl2Built(String variant, Medium medium) {
        byte[] b = SyntheticImages.bl2(medium, 20_000, 7);
        byte[] s = ("v2.12.0(release):OpenWrt v2025.07.11~78a0dfd9-r1 (" + variant + ")").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, b.length - 4_000, s.length);
        return b;
    }

    @Test
    void theBoardSaysItsSizeInUBootsAndBl2sWords() {
        assertEquals(OptionalInt.of(4), dram.fromLine("DRAM:  4 GiB"));
        assertEquals(OptionalInt.of(8), dram.fromLine("NOTICE:  EMI: Detected DRAM size: 8192 MB"));
        assertEquals(OptionalInt.of(4), dram.fromLine("NOTICE:  DRAM: 4096MB"));
        assertEquals(OptionalInt.empty(), dram.fromLine("NOTICE:  EMI: Using DDR4 settings"));
        assertEquals(OptionalInt.of(8), DramSize.fromMebibytes("8192\n"));
        assertEquals(OptionalInt.empty(), DramSize.fromMebibytes("## Error: \"ramsize\" not defined"));
    }

    @Test
    void aBl2SaysItsSizeByItsBuildNameElseByItsFileName() {
        assertEquals(8, dram.ofImage("bl2.bin", bl2Built("mt7988-spim-nand-ubi-comb-4bg", Medium.SNAND)).orElseThrow().gib());
        assertEquals(4, dram.ofImage("x-8g.bin", bl2Built("mt7988-spim-nand-ubi-comb", Medium.SNAND)).orElseThrow().gib(),
                "the build name wins over a renamed file");
        assertEquals(8, dram.ofImage("openwrt-mediatek-filogic-bananapi_bpi-r4-emmc-preloader-8g.bin",
                SyntheticImages.bl2(Medium.EMMC, 1000, 1)).orElseThrow().gib());
        assertTrue(dram.ofImage("bl2.bin", SyntheticImages.bl2(Medium.SNAND, 1000, 1)).isEmpty(), "nothing says: unknown");
    }

    @Test
    void theRefusalNamesTheRightFile() {
        String why = dram.refusal("bl2.bin", bl2Built("mt7988-spim-nand-ubi-comb-4bg", Medium.SNAND), Medium.SNAND, 4, "U-Boot says 4096 MiB");
        assertNotNull(why);
        assertTrue(why.contains("openwrt-mediatek-filogic-bananapi_bpi-r4-snand-preloader.bin"), why);
        assertTrue(why.contains("8 GiB") && why.contains("4 GiB"), why);
        assertNull(dram.refusal("bl2.bin", bl2Built("mt7988-spim-nand-ubi-comb", Medium.SNAND), Medium.SNAND, 4, "x"));
        assertTrue(dram.refusal("sd.img", bl2Built("mt7988-sdmmc-comb", Medium.SD), Medium.SD, 8, "x").contains("sdcard_8g.img.gz"));
    }

    /** A BL2 made by the real mkimage -T mtk_image from a payload holding the build name. */
    @Test
    void aBl2MadeByTheRealMkimageSaysItsSize(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkimage")), "u-boot-tools' mkimage");
        byte[] payload = new byte[40_000];
        byte[] s = "OpenWrt v2025.07.11-r1 (mt7988-emmc-comb-4bg)".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, payload, 30_000, s.length);
        Path raw = Files.write(dir.resolve("bl2.bin"), payload);
        Path img = dir.resolve("bl2.img");
        Process p = new ProcessBuilder("/usr/bin/mkimage", "-T", "mtk_image", "-a", "0x201000", "-e", "0x201000",
                "-n", "media=emmc;arm64=1", "-d", raw.toString(), img.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        byte[] bl2 = Files.readAllBytes(img);
        assertEquals(ImageKind.BL2, Boards.R4.images().inspect(bl2).kind());
        assertEquals(8, dram.ofImage("bl2.img", bl2).orElseThrow().gib());
    }
}
