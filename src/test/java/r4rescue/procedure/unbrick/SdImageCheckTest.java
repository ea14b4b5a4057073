package r4rescue.procedure.unbrick;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Procedure;

/** The rescue-card file check: streamed, gzip or raw, and wrong files named. */
@Tag("unit")
class SdImageCheckTest {

    @TempDir
    Path dir;

    private Path card(boolean gz, long bytes) throws Exception {
        return RescueImageFile.write(dir.resolve(gz ? "card.img.gz" : "card.img"), bytes, gz);
    }

    @Test
    void openWrtCardImageIsRightAndCarriesTheNandBootloaders() throws Exception {
        SdImageCheck.Report r = SdImageCheck.check(Boards.R4, card(true, 64L << 20), new Procedure(e -> { }, new Cancel()));
        assertTrue(r.ok(), r.verdict());
        assertTrue(r.compressed());
        assertTrue(r.carriesNandInstall(), r.notes().toString());
        assertEquals(Medium.SNAND, r.nandBl2().medium());
        assertEquals(64, r.sha256().length());
        SdImageCheck.Report raw = SdImageCheck.check(Boards.R4, card(false, 64L << 20), new Procedure(e -> { }, new Cancel()));
        assertTrue(raw.ok() && !raw.compressed());
        assertEquals(r.nandBl2Crc(), raw.nandBl2Crc());
        assertEquals(r.nandFipCrc(), raw.nandFipCrc());
    }

    @Test
    void truncatedCardHasNoInstallCopies() throws Exception {
        SdImageCheck.Report r = SdImageCheck.check(Boards.R4, card(true, 16L << 20), new Procedure(e -> { }, new Cancel()));
        assertTrue(r.ok());
        assertFalse(r.carriesNandInstall());
        assertTrue(String.join(" ", r.notes()).contains("truncated"), r.notes().toString());
    }

    @Test
    void aBl2IsNotACardImage() throws Exception {
        Path f = dir.resolve("x-snand-preloader.bin");
        Files.write(f, SyntheticImages.bl2(Medium.SNAND, 1000, 1));
        SdImageCheck.Report r = SdImageCheck.check(Boards.R4, f, new Procedure(e -> { }, new Cancel()));
        assertFalse(r.ok());
        assertTrue(r.verdict().contains("BL2"), r.verdict());
    }

    @Test
    void sha256SumsBothStyles() {
        Sha256Sums s = Sha256Sums.parse("""
                0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef *openwrt-a-sdcard.img.gz
                FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210  sub/openwrt-b.fip
                garbage line
                """);
        assertEquals(2, s.size());
        assertTrue(s.verdict("openwrt-a-sdcard.img.gz", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").contains("matches"));
        assertTrue(s.verdict("openwrt-b.fip", "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210").contains("matches"));
        assertTrue(s.verdict("openwrt-b.fip", "00".repeat(32)).contains("DIFFERS"));
        assertTrue(s.verdict("other", "00").contains("not listed"));
    }
}
