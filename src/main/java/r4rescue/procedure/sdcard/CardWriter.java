package r4rescue.procedure.sdcard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import com.sun.nio.file.ExtendedOpenOption;

import r4rescue.board.BoardProfile;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageKind;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.steps.Cancellation;
import r4rescue.procedure.steps.CancelledException;
import r4rescue.procedure.steps.CancelledException;
import r4rescue.procedure.unbrick.SdImageCheck;
import r4rescue.util.Hashes;

/**
 * Writes a card image to a whole disk and proves it: 4 MiB writes with {@code O_DIRECT} from
 * aligned buffers (so the page cache neither slows the write nor hides a bad card), the image read
 * (and decompressed) on a second thread while the previous chunk is written, an fsync at the end;
 * then the card is read back with {@code O_DIRECT} beside the image decompressed again, their
 * SHA-256 compared, and the first bad byte named and explained. Last, the card's first MiBs are
 * named the way the unbrick flow names the file: a GPT with an SD BL2.
 */
public final class CardWriter {

    static final int CHUNK = 4 << 20;
    /** O_DIRECT offsets, lengths and buffer addresses must be multiples of the device's block size; 4096 covers 512e and 4Kn. */
    static final int ALIGN = 4096;

    /** What was written and proven. */
    public record Result(String device, long bytes, long writeMs, long verifyMs, String sha256, String cardHead) {
        public double writeBytesPerSecond() {
            return bytes / Math.max(0.001, writeMs / 1000.0);
        }
    }

    private final BoardProfile board;
    private final Unmounter unmounter;
    private final BlockDisks disks;

    public CardWriter(BoardProfile board, BlockDisks disks, Unmounter unmounter) {
        this.board = board;
        this.disks = disks;
        this.unmounter = unmounter;
    }

    /**
     * Checks everything that can refuse the write (the disk, the image, the size), unmounts the
     * card's partitions, writes, verifies. Nothing is written before every check passed.
     */
    public Result write(Path imageFile, Path device, boolean unsafe, Consumer<Progress> progress, Cancellation cancel)
            throws IOException {
        BlockDisks.Disk disk = disks.find(device).orElseThrow(() -> new SdcardException(SdcardException.Kind.REFUSED,
                device + " is not a block device on this computer."));
        if (!disk.path().equals(device.toRealPath().toString()) && !disk.path().equals(device.toString())) {
            throw new SdcardException(SdcardException.Kind.REFUSED, device + " is a partition: give the whole card, " + disk.path() + ".");
        }
        var refusal = disk.refusal(unsafe);
        if (refusal.isPresent()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, refusal.get());
        }
        // SdImageCheck runs on procedure.core; this writer still on the old Cancellation (until it is ported too)
        Cancel request = new Cancel();
        cancel.whenCancelled(request::request);
        SdImageCheck.Report check;
        try {
            check = SdImageCheck.check(board, imageFile, new Procedure(e -> { }, request));
        } catch (Stopped stopped) {
            throw new CancelledException("Nothing was written to the card.");
        }
        if (!check.ok()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, check.verdict() + " Nothing was written.");
        }
        CardImage image = CardImage.of(imageFile);
        if (image.size() > disk.sizeBytes()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, String.format("The image (%,d bytes) is larger than %s (%,d bytes). Nothing was written.",
                    image.size(), disk.path(), disk.sizeBytes()));
        }
        unmount(disk, device);
        cancel.check("Nothing was written to the card.");
        long t0 = System.nanoTime();
        Written w = writeAll(image, device, disk.sizeBytes(), progress, cancel);
        long writeMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        String sha = verify(image, device, w, progress, cancel);
        long verifyMs = (System.nanoTime() - t1) / 1_000_000;
        String head = checkHead(device);
        return new Result(disk.path(), w.bytes, writeMs, verifyMs, sha, head);
    }

    private void unmount(BlockDisks.Disk disk, Path device) throws IOException {
        if (!disk.mountPoints().isEmpty()) {
            unmounter.unmount(Path.of(disk.path()));
        }
        for (BlockDisks.Partition p : disk.partitions()) {
            if (!p.mountPoints().isEmpty()) {
                unmounter.unmount(Path.of(disk.path()).resolveSibling(p.name()));
            }
        }
        BlockDisks.Disk after = disks.find(device).orElseThrow();
        List<String> still = new ArrayList<>(after.mountPoints().stream().map(m -> after.name() + " on " + m).toList());
        after.partitions().stream().filter(p -> !p.mountPoints().isEmpty())
                .forEach(p -> still.add(p.name() + " on " + String.join(",", p.mountPoints())));
        if (!still.isEmpty()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, "Still mounted after unmounting: " + String.join("; ", still)
                    + ". Close the programs using the card and try again. Nothing was written.");
        }
    }

    /** What the write pass saw of the image: its length and a CRC-32C per chunk (the image must not change before the verify). */
    record Written(long bytes, long[] chunkCrcs) {
    }

    /** A filled buffer on its way from the reading thread to the writing one; {@code length} -1 ends the stream. */
    private record Chunk(ByteBuffer buf, int length) {
    }

    Written writeAll(CardImage image, Path device, long deviceSize, Consumer<Progress> progress, Cancellation cancel)
            throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(3);
        // one more than the buffers: room for the end marker when every buffer waits to be written
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(4);
        for (int i = 0; i < 3; i++) {
            free.add(aligned(CHUNK));
        }
        List<Long> crcs = new ArrayList<>();
        IOException[] readError = new IOException[1];
        Thread reader = new Thread(() -> {
            try (ReadableByteChannel in = image.channel()) {
                while (true) {
                    ByteBuffer b = free.take().clear();
                    while (b.hasRemaining() && in.read(b) >= 0) {
                        // fill the chunk: the last one may be short
                    }
                    int len = b.position();
                    if (len == 0) {
                        break;
                    }
                    b.flip();
                    CRC32C c = new CRC32C();
                    c.update(b.duplicate());
                    crcs.add(c.getValue());
                    full.put(new Chunk(b, len));
                }
            } catch (IOException e) {
                readError[0] = e;
            } catch (InterruptedException e) {
                return;
            }
            full.add(new Chunk(null, -1));
        }, "sdcard-read");
        reader.setDaemon(true);
        reader.start();
        long t0 = System.nanoTime();
        long pos = 0;
        try (FileChannel out = open(device, true)) {
            while (true) {
                Chunk c = full.take();
                if (c.length < 0) {
                    break;
                }
                if (pos + c.length > deviceSize) {
                    throw new SdcardException(SdcardException.Kind.FAILED, String.format("The image is larger than the card "
                            + "(%,d bytes): its first %,d bytes were written; the card does not hold a usable image.", deviceSize, pos), pos, null);
                }
                if (cancel.cancelled()) {
                    throw new CancelledException(String.format("The card holds the first %,d bytes of the image only: write it again before use.", pos));
                }
                writeChunk(out, device, c, pos);
                pos += c.length;
                free.add(c.buf);
                progress.accept(new Progress("write", pos, Math.max(pos, image.size()), (System.nanoTime() - t0) / 1_000_000, !image.sizeExact()));
            }
            out.force(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("The write was interrupted: the card holds a partial image.");
        } finally {
            reader.interrupt();
        }
        if (readError[0] != null) {
            throw new SdcardException(SdcardException.Kind.FAILED, "Reading the image failed after " + String.format("%,d", pos)
                    + " bytes (" + readError[0].getMessage() + "): the file is damaged; the card holds a partial image.", -1, readError[0]);
        }
        return new Written(pos, crcs.stream().mapToLong(Long::longValue).toArray());
    }

    /** O_DIRECT for the aligned part; an unaligned tail (images need not end on 4 KiB) goes through the page cache and is fsynced. */
    private static void writeChunk(FileChannel out, Path device, Chunk c, long pos) throws IOException {
        int direct = c.length / ALIGN * ALIGN;
        try {
            ByteBuffer b = c.buf.duplicate().position(0).limit(direct);
            while (b.hasRemaining()) {
                out.write(b, pos + b.position());
            }
            if (direct < c.length) {
                try (FileChannel tail = FileChannel.open(device, StandardOpenOption.WRITE)) {
                    ByteBuffer t = c.buf.duplicate().position(direct).limit(c.length);
                    while (t.hasRemaining()) {
                        tail.write(t, pos + t.position());
                    }
                    tail.force(true);
                }
            }
        } catch (IOException e) {
            throw new SdcardException(SdcardException.Kind.FAILED, String.format("The card refused a write at offset %,d (%s): "
                    + "the reader or the card failed (a loose card, a failing reader, or a card that became read-only when worn out).",
                    pos, e.getMessage()), pos, e);
        }
    }

    /**
     * Reads the card back with O_DIRECT beside the image decompressed again, and compares their SHA-256.
     * Hashing here rather than while writing keeps the write at the device's pace; the chunks are also
     * compared byte for byte, which names the first bad offset. Returns the SHA-256 both have.
     */
    String verify(CardImage image, Path device, Written w, Consumer<Progress> progress, Cancellation cancel) throws IOException {
        MessageDigest cardSha = Hashes.sha256();
        MessageDigest imageSha = Hashes.sha256();
        ByteBuffer card = aligned(CHUNK);
        ByteBuffer want = ByteBuffer.allocateDirect(CHUNK);
        long t0 = System.nanoTime();
        long bad = -1;
        try (FileChannel in = open(device, false); ReadableByteChannel img = image.channel()) {
            for (long pos = 0; pos < w.bytes; pos += CHUNK) {
                cancel.check("The image was written but not verified: write it again before use.");
                int len = (int) Math.min(CHUNK, w.bytes - pos);
                card.clear().limit(Math.min(CHUNK, (len + ALIGN - 1) / ALIGN * ALIGN));
                try {
                    while (card.hasRemaining() && in.read(card, pos + card.position()) > 0) {
                        // fill the chunk
                    }
                } catch (IOException e) {
                    throw new SdcardException(SdcardException.Kind.FAILED, String.format("Reading the card back failed at offset %,d (%s): "
                            + "a failing reader or card. Try another reader; if it fails at the same place, the card is worn out.",
                            pos + card.position(), e.getMessage()), pos + card.position(), e);
                }
                if (card.position() < len) {
                    throw new SdcardException(SdcardException.Kind.FAILED, String.format("The card ended at %,d bytes while reading back: "
                            + "it is smaller than it said (a counterfeit card, or a reader that lost it).", pos + card.position()), pos + card.position(), null);
                }
                card.flip().limit(len);
                want.clear().limit(len);
                while (want.hasRemaining() && img.read(want) >= 0) {
                    // the same chunk of the image
                }
                want.flip();
                CRC32C c = new CRC32C();
                c.update(want.duplicate());
                if (want.remaining() != len || c.getValue() != w.chunkCrcs[(int) (pos / CHUNK)]) {
                    throw new SdcardException(SdcardException.Kind.FAILED, String.format("The image file changed while it was written "
                            + "(at %,d bytes): the card holds what the file held then. Write it again.", pos), pos, null);
                }
                cardSha.update(card.duplicate());
                imageSha.update(want.duplicate());
                int i = bad >= 0 ? -1 : card.mismatch(want);
                if (i >= 0) {
                    bad = pos + i;
                }
                progress.accept(new Progress("verify", pos + len, w.bytes, (System.nanoTime() - t0) / 1_000_000, false));
            }
        }
        String got = Hashes.hex(cardSha.digest());
        String expected = Hashes.hex(imageSha.digest());
        if (!got.equals(expected)) {
            throw new SdcardException(SdcardException.Kind.FAILED, VerifyVerdict.explain(bad, w.bytes, expected, got), bad, null);
        }
        return got;
    }

    /** The card's head, named as {@link SdImageCheck} names the file's: must be a GPT with an SD BL2. */
    private String checkHead(Path device) throws IOException {
        ByteBuffer head = aligned(8 << 20);
        try (FileChannel in = open(device, false)) {
            while (head.hasRemaining() && in.read(head, head.position()) > 0) {
                // read the head
            }
        }
        byte[] bytes = new byte[head.flip().remaining()];
        head.get(bytes);
        ImageInfo info = board.images().inspect(bytes);
        if (info.kind() != ImageKind.SDCARD_IMAGE) {
            throw new SdcardException(SdcardException.Kind.FAILED, "The card read back equal to the image, but its start is not a "
                    + "rescue card: " + info.kind().label() + " (" + info.detail() + ").");
        }
        return info.detail();
    }

    private static FileChannel open(Path device, boolean write) throws IOException {
        try {
            return write ? FileChannel.open(device, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)
                    : FileChannel.open(device, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (AccessDeniedException e) {
            throw new SdcardException(SdcardException.Kind.NO_PERMISSION, "No permission to open " + device + " for "
                    + (write ? "writing" : "reading") + ". Nothing was written.", -1, e);
        }
    }

    private static ByteBuffer aligned(int size) {
        return ByteBuffer.allocateDirect(size + ALIGN).alignedSlice(ALIGN).limit(size).slice();
    }
}
