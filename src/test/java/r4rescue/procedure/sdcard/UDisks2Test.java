package r4rescue.procedure.sdcard;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.sdcard.unix.UnixFd;
import r4rescue.procedure.unbrick.RescueImageFile;

/**
 * The UDisks2 client against a test double of the daemon on a real bus ({@code dbus-daemon --session},
 * through our descriptor-passing transport): the partition is resolved by path, its filesystem
 * unmounted; the card is opened by {@code Block.OpenDevice} and the descriptor that comes back over
 * the bus carries the write and the verify (here onto a plain file the double opened); the daemon's
 * refusals become "no permission" (polkit said no) or "refused" with UDisks2's reason. Proven only
 * against the double: that the real daemon answers the same way (its object paths, polkit's prompt).
 */
@Tag("qemu")
class UDisks2Test {

    @TempDir
    Path dir;

    private UDisks2Double udisks;

    @BeforeEach
    void bus() throws Exception {
        udisks = UDisks2Double.start();
        udisks.add("/dev/sdx1", dir.resolve("sdx1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (udisks != null) {
            udisks.close();
        }
    }

    @Test
    void unmountsThePartitionTheDaemonResolves() throws Exception {
        try (UDisks2 u = UDisks2.at(udisks.address)) {
            u.unmount(Path.of("/dev/sdx1"));
        }
        assertEquals(List.of("ResolveDevice /dev/sdx1", "Unmount sdx1"), udisks.calls);
    }

    @Test
    void refusalsSayWhy() throws Exception {
        try (UDisks2 u = UDisks2.at(udisks.address)) {
            SdcardException unknown = assertThrows(SdcardException.class, () -> u.unmount(Path.of("/dev/sdy1")));
            assertEquals(SdcardException.Kind.REFUSED, unknown.kind());
            assertTrue(unknown.getMessage().contains("does not know /dev/sdy1"), unknown.getMessage());

            udisks.refuse(new UDisks2Double.NotAuthorizedCanObtain("Not authorized to perform operation"));
            SdcardException no = assertThrows(SdcardException.class, () -> u.unmount(Path.of("/dev/sdx1")));
            assertEquals(SdcardException.Kind.NO_PERMISSION, no.kind(), no.getMessage());
            assertTrue(no.getMessage().contains("Not authorized"), no.getMessage());

            udisks.refuse(new UDisks2Double.DeviceBusy("Error unmounting /dev/sdx1: target is busy"));
            SdcardException busy = assertThrows(SdcardException.class, () -> u.unmount(Path.of("/dev/sdx1")));
            assertEquals(SdcardException.Kind.REFUSED, busy.kind());
            assertTrue(busy.getMessage().contains("target is busy"), busy.getMessage());
        }
    }

    /**
     * OpenDevice's descriptor, received over the bus, writes the image (its unaligned tail too) and reads it back equal; a byte
     * changed on the "card" afterwards fails the verify with its offset.
     */
    @Test
    void theDescriptorOpenDeviceSendsWritesAndVerifies() throws Exception {
        Path card = dir.resolve("card.bin");
        Files.write(card, new byte[0]);
        udisks.add("/dev/sdz", card);
        // not a multiple of 4 KiB: the tail is written with O_DIRECT turned off on the received descriptor
        long size = (12L << 20) + 1000;
        Path img = RescueImageFile.write(dir.resolve("openwrt-bananapi_bpi-r4-sdcard.img.gz"), size, true);
        CardImage image = CardImage.of(img);
        CardWriter w = new CardWriter(Boards.R4, BlockDisks.host(), p -> { });
        try (UDisks2 u = UDisks2.at(udisks.address); CardTarget target = u.open(Path.of("/dev/sdz"))) {
            CardWriter.Written written = w.writeAll(image, target, 16L << 20, p -> { }, new Cancel());
            assertEquals(CardWriterLoopTest.decompressedSha(img), w.verify(image, target, written, p -> { }, new Cancel()));
            assertEquals(size, Files.size(card));

            long bad = (5L << 20) + 123;
            CardWriterLoopTest.corrupt(card, bad);
            SdcardException e = assertThrows(SdcardException.class, () -> w.verify(image, target, written, p -> { }, new Cancel()));
            assertEquals(SdcardException.Kind.FAILED, e.kind());
            assertEquals(bad, e.offset(), e.getMessage());
        }
        int flags = UnixFd.O_DIRECT | UnixFd.O_EXCL | UnixFd.O_CLOEXEC;
        assertEquals(List.of("ResolveDevice /dev/sdz", "OpenDevice sdz rw flags=0" + Integer.toOctalString(flags)), udisks.calls);
    }

    @Test
    void aRefusedOpenDeviceIsNoPermissionWithUDisks2sWords() throws Exception {
        udisks.add("/dev/sdz", dir.resolve("card.bin"));
        udisks.refuse(new UDisks2Double.NotAuthorizedCanObtain("Not authorized to perform operation"));
        try (UDisks2 u = UDisks2.at(udisks.address)) {
            SdcardException e = assertThrows(SdcardException.class, () -> u.open(Path.of("/dev/sdz")));
            assertEquals(SdcardException.Kind.NO_PERMISSION, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("Not authorized to perform operation") && e.getMessage().contains("NotAuthorizedCanObtain"),
                    e.getMessage());
        }
    }
}
