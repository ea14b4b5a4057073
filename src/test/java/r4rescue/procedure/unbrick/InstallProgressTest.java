package r4rescue.procedure.unbrick;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.procedure.core.Progress;

/** The menu install's figures from U-Boot's own lines (as cmd/mmc.c, cmd/mtd.c and cmd/ubi.c print them). */
@Tag("unit")
class InstallProgressTest {

    private static final long MIB = 1 << 20;
    /** BL2 read + 4 copies, FIP read + write; recovery and production at the board data's typical 12 MiB, read and written. */
    private static final long GUESSED_TOTAL = MIB / 2 + 2 * MIB + 2 * MIB + 2 * MIB + 4 * 12 * MIB;

    private final InstallProgress p = new InstallProgress(Boards.R4, 0);

    @Test
    void beforeTheBoardNamesTheImageSizesTheTotalIsAnEstimateFromBoardData() {
        Progress f = p.figures(0);
        assertEquals(GUESSED_TOTAL, f.total());
        assertEquals(0, f.done());
        assertTrue(f.estimate());
        assertTrue(f.text().contains("(estimate)"), f.text());
    }

    @Test
    void aReadCountsFromItsUnfinishedLineAndEndsWithItsBlockCount() {
        p.feed("\nMMC read: dev # 0, block # 90112, count 1024 ... ", 100);
        // Started, nothing done yet, no rate to interpolate with.
        assertEquals(0, p.figures(200).done());
        p.feed("1024 blocks read: OK\n", 300);
        assertEquals(MIB / 2, p.figures(300).done());
        assertEquals(GUESSED_TOTAL, p.figures(300).total());
    }

    @Test
    void theWholeInstallEndsAtTheRealSizesAndOneHundredPercent() {
        feedInstall(10 * MIB, 9 * MIB);
        Progress f = p.figures(10_000);
        assertTrue(p.completed());
        long real = MIB / 2 + 2 * MIB + 2 * MIB + 2 * MIB + (128 << 10) + 2 * 10 * MIB + (128 << 10) + 2 * 9 * MIB;
        assertEquals(real, f.total());
        assertEquals(real, f.done());
        assertEquals(1.0, f.fraction());
        assertFalse(f.estimate());
        assertEquals(0, f.secondsLeft());
    }

    @Test
    void theRecoveryReadNamesItsSizeForTheReadAndTheWrite() {
        p.feed(bl2AndFip(), 1000);
        long before = p.figures(1000).total();
        p.feed("MMC read: dev # 0, block # 24576, count 256 ... 256 blocks read: OK\n", 1100);
        assertEquals(before, p.figures(1100).total(), "the 128 KiB header read is counted within the typical size");
        p.feed("MMC read: dev # 0, block # 24576, count 20480 ... ", 1200);
        // Recovery is 10 MiB, not the typical 12: read and write both shrink by 2 MiB (plus the header read counted).
        assertEquals(before - 4 * MIB + (128 << 10), p.figures(1200).total());
        assertTrue(p.figures(1200).estimate(), "production is still a typical size");
    }

    @Test
    void aSilentWriteAdvancesAtTheRateSoFarButNeverPastItsSize() {
        p.feed(bl2AndFip(), 1000);
        long done = p.figures(1000).done();
        assertEquals(MIB / 2 + 2 * MIB + 2 * MIB + 2 * MIB, done);
        // 6.5 MiB in 1 s: 6.5 MiB/s so far. A 10 MiB write announced at 2 s:
        p.feed("MMC read: dev # 0, block # 24576, count 20480 ... 20480 blocks read: OK\n", 2000);
        p.feed("Creating dynamic volume recovery of size 10539008\n", 2000);
        long at2 = p.figures(2000).done();
        long at2half = p.figures(2500).done();
        assertTrue(at2half > at2, "interpolated: " + at2 + " → " + at2half);
        long capped = p.figures(60_000).done();
        assertTrue(capped < at2 + 10 * MIB, "never the whole write before U-Boot says so");
        p.feed("10485760 bytes written to volume recovery\n", 4000);
        assertEquals(at2 + 10 * MIB, p.figures(4000).done());
    }

    @Test
    void timeLeftIsTheRestAtTheRateSoFar() {
        p.feed(bl2AndFip(), 1000);
        Progress f = p.figures(1000);
        double bps = f.done() / 1.0;
        assertEquals((f.total() - f.done()) / bps, f.secondsLeft(), 0.01);
        assertTrue(f.text().matches("install · [0-9,]+ of [0-9,]+ bytes · [0-9.]+ KiB/s · about \\d+ s left \\(estimate\\)"), f.text());
    }

    @Test
    void volumesTheScriptOnlyCreatesAreNotWork() {
        long total = p.figures(0).total();
        p.feed("Creating dynamic volume ubootenv of size 1048576\n", 10);
        assertEquals(total, p.figures(20).total());
        assertEquals(0, p.figures(20).done());
    }

    private static String bl2AndFip() {
        StringBuilder b = new StringBuilder("\nMMC read: dev # 0, block # 90112, count 1024 ... 1024 blocks read: OK\n");
        b.append("Erasing 0x00000000 ... 0x001fffff (16 eraseblock(s))\n");
        for (int i = 0; i < 4; i++) {
            b.append(String.format("Writing 524288 byte(s) (256 page(s)) at offset 0x%08x%n", i * 0x80000));
        }
        b.append("\nMMC read: dev # 0, block # 92160, count 4096 ... 4096 blocks read: OK\n");
        b.append("Remove UBI volume fip (id 2)\nCreating static volume fip of size 2158592\n2097152 bytes written to volume fip\n");
        return b.toString();
    }

    private void feedInstall(long recovery, long production) {
        p.feed(bl2AndFip(), 1000);
        p.feed("MMC read: dev # 0, block # 24576, count 256 ... 256 blocks read: OK\n", 1100);
        p.feed("MMC read: dev # 0, block # 24576, count " + recovery / 512 + " ... " + recovery / 512 + " blocks read: OK\n", 2000);
        p.feed("Creating dynamic volume recovery of size " + (recovery + 50_000) + "\n", 2000);
        p.feed(recovery + " bytes written to volume recovery\n", 4000);
        p.feed("MMC read: dev # 0, block # 131072, count 256 ... 256 blocks read: OK\n", 4100);
        p.feed("MMC read: dev # 0, block # 131072, count " + production / 512 + " ... " + production / 512 + " blocks read: OK\n", 5000);
        p.feed("Creating dynamic volume fit of size " + (production + 50_000) + "\n", 5000);
        p.feed(production + " bytes written to volume fit\nPress ENTER to return to menu", 9000);
    }
}
