package r4rescue.procedure.sdcard;

import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.unbrick.RescueImageFile;

/** The writer on a real block device (a loop device, so --unsafe): written, read back, a corrupted block found with its offset. */
@Tag("qemu")
class CardWriterLoopTest {

    @TempDir
    Path dir;

    private final Unmounter noMounts = p -> fail("nothing is mounted on a fresh loop device: " + p);

    @Test
    void writesAndVerifiesA64MiBImageThenFindsACorruptedBlock() throws Exception {
        Path img = RescueImageFile.write(dir.resolve("openwrt-bananapi_bpi-r4-sdcard.img.gz"), 64L << 20, true);
        try (LoopDevice loop = LoopDevice.attach(dir, 80L << 20)) {
            CardWriter w = new CardWriter(Boards.R4, BlockDisks.host(), noMounts);
            List<Progress> seen = new ArrayList<>();
            long t0 = System.nanoTime();
            CardWriter.Result r = w.write(img, loop.device, true, seen::add, new Cancel());
            System.out.printf("sdcard write+verify 64 MiB (gz) on %s: %d ms (write %d ms, verify %d ms)%n", loop.device,
                    (System.nanoTime() - t0) / 1_000_000, r.writeMs(), r.verifyMs());
            assertEquals(64L << 20, r.bytes());
            assertEquals(decompressedSha(img), r.sha256());
            assertFalse(r.cardHead().isEmpty());
            assertTrue(seen.stream().anyMatch(p -> p.what().equals("write") && p.done() == 64L << 20));
            assertTrue(seen.stream().anyMatch(p -> p.what().equals("verify") && p.done() == 64L << 20));

            // The verify alone, after a block of the card changed under it: must name the first bad byte.
            long bad = (37L << 20) + 4096 + 17;
            CardImage image = CardImage.of(img);
            try (CardTarget card = CardTarget.path(loop.device)) {
                CardWriter.Written written = w.writeAll(image, card, 80L << 20, p -> { }, new Cancel());
                corrupt(loop.device, bad);
                SdcardException e = assertThrows(SdcardException.class, () -> w.verify(image, card, written, p -> { }, new Cancel()));
                assertEquals(SdcardException.Kind.FAILED, e.kind());
                assertEquals(bad, e.offset(), e.getMessage());
                assertTrue(e.getMessage().contains(String.format("%,d", bad)), e.getMessage());
            }
        }
    }

    /** Flips one byte of {@code file} at {@code offset}, past any cache (as a failing card would return it). */
    static void corrupt(Path file, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x5a);
            f.getFD().sync();
        }
    }

        static String decompressedSha(Path img) throws Exception {
        var sha = r4rescue.util.Hashes.sha256();
        try (var in = new java.security.DigestInputStream(CardImage.of(img).open(), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return r4rescue.util.Hashes.hex(sha.digest());
    }

    /** A card mounted as a whole (no partition table) is unmounted first; one that stays mounted is refused untouched. */
    @Test
    void aMountedCardIsUnmountedFirstAndRefusedIfItStaysMounted() throws Exception {
        Path img = RescueImageFile.write(dir.resolve("openwrt-bananapi_bpi-r4-sdcard.img"), 16L << 20, false);
        try (LoopDevice loop = LoopDevice.attach(dir, 20L << 20)) {
            Process mkfs;
            try {
                mkfs = new ProcessBuilder("mkfs.ext4", "-q", loop.device.toString()).redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                org.junit.jupiter.api.Assumptions.assumeTrue(false, "no mkfs.ext4 (e2fsprogs): " + e.getMessage());
                return;
            }
            mkfs.getInputStream().readAllBytes();
            assertEquals(0, mkfs.waitFor());
            Path mnt = Files.createDirectories(dir.resolve("mnt"));
            Process mount = new ProcessBuilder("mount", loop.device.toString(), mnt.toString()).redirectErrorStream(true).start();
            String said = new String(mount.getInputStream().readAllBytes());
            org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount here: " + said);
            try {
                CardWriter stays = new CardWriter(Boards.R4, BlockDisks.host(), p -> { });
                SdcardException e = assertThrows(SdcardException.class,
                        () -> stays.write(img, loop.device, true, p -> { }, new Cancel()));
                assertEquals(SdcardException.Kind.REFUSED, e.kind());
                assertTrue(e.getMessage().contains("Still mounted") && e.getMessage().contains(mnt.toString()), e.getMessage());
                CardWriter.Result r = new CardWriter(Boards.R4, BlockDisks.host(), Unmounter.umount())
                        .write(img, loop.device, true, p -> { }, new Cancel());
                assertEquals(16L << 20, r.bytes());
                assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(mnt.toString()));
            } finally {
                new ProcessBuilder("umount", mnt.toString()).start().waitFor();
            }
        }
    }
}
