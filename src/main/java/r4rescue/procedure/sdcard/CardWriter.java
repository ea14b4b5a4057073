package r4rescue.procedure.sdcard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import r4rescue.board.BoardProfile;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageKind;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.unbrick.SdImageCheck;
import r4rescue.util.Hashes;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Writes a card image to a whole disk and proves it: 4 MiB writes with {@code O_DIRECT} from
 * aligned buffers (so the page cache neither slows the write nor hides a bad card), the image read
 * (and decompressed) on a second thread while the previous chunk is written, an fsync at the end;
 * then the card is read back with {@code O_DIRECT} beside the image decompressed again, their
 * SHA-256 compared, and the first bad byte named and explained. Last, the card's first MiBs are
 * named the way the unbrick flow names the file: a GPT with an SD BL2. The bytes go to a
 * {@link CardTarget}: the device by its path, or the descriptor UDisks2 opened.
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
    private final CardTarget.Opener opener;
    private final BlockDisks disks;

    /** Opens the device by its path (root, or the pkexec child). */
    public CardWriter(BoardProfile board, BlockDisks disks, Unmounter unmounter) {
        this(board, disks, unmounter, CardTarget::path);
    }

    /** Unmounts and opens through UDisks2 (polkit asks the person at the desk). */
    public CardWriter(BoardProfile board, BlockDisks disks, UDisks2 udisks) {
        this(board, disks, udisks, udisks);
    }

    CardWriter(BoardProfile board, BlockDisks disks, Unmounter unmounter, CardTarget.Opener opener) {
        this.board = board;
        this.disks = disks;
        this.unmounter = unmounter;
        this.opener = opener;
    }

    /**
     * Checks everything that can refuse the write (the disk, the image, the size), unmounts the
     * card's partitions, writes, verifies. Nothing is written before every check passed.
     */
    public Result write(Path imageFile, Path device, boolean unsafe, Consumer<Progress> progress, Cancel cancel)
            throws IOException, Stopped {
        BlockDisks.Disk disk = disks.find(device).orElseThrow(() -> new SdcardException(SdcardException.Kind.REFUSED,
                Message.of("sdcard.refuse.notBlock", device)));
        if (!disk.path().equals(device.toRealPath().toString()) && !disk.path().equals(device.toString())) {
            throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.refuse.partition", device, disk.path()));
        }
        var refusal = disk.refusal(unsafe);
        if (refusal.isPresent()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, refusal.get());
        }
        SdImageCheck.Report check = SdImageCheck.check(board, imageFile, new Procedure(e -> { }, cancel));
        if (!check.ok()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.refuse.image", check.verdict()));
        }
        CardImage image = CardImage.of(imageFile);
        if (image.size() > disk.sizeBytes()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.refuse.tooLarge", n(image.size()), disk.path(),
                    n(disk.sizeBytes())));
        }
        unmount(disk, device);
        stopIfAsked(cancel, 0);
        try (CardTarget card = opener.open(device)) {
            long t0 = System.nanoTime();
            Written w = writeAll(image, card, disk.sizeBytes(), progress, cancel);
            long writeMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            String sha = verify(image, card, w, progress, cancel);
            long verifyMs = (System.nanoTime() - t1) / 1_000_000;
            String head = checkHead(card);
            return new Result(disk.path(), w.bytes, writeMs, verifyMs, sha, head);
        }
    }

    /** Stops on the user's request; {@code written} bytes of the image are on the card so far. */
    private static void stopIfAsked(Cancel cancel, long written) throws Stopped {
        if (cancel.requested()) {
            String words = written == 0 ? Texts.t("sdcard.stop.nothing") : Texts.t("sdcard.stop.partial", n(written));
            throw new Stopped(Stopped.Kind.CANCELLED, "sdcard", words,
                    written == 0 ? BoardState.untouched(words) : BoardState.damaged(words), null);
        }
    }

    /** A byte count as the user's language writes it. */
    static String n(long v) {
        return String.format(Texts.locale(), "%,d", v);
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
        List<String> still = new ArrayList<>(after.mountPoints().stream().map(m -> Texts.t("sdcard.mountedOn", after.name(), m)).toList());
        after.partitions().stream().filter(p -> !p.mountPoints().isEmpty())
                .forEach(p -> still.add(Texts.t("sdcard.mountedOn", p.name(), String.join(",", p.mountPoints()))));
        if (!still.isEmpty()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.refuse.stillMounted", String.join("; ", still)));
        }
    }

    /** What the write pass saw of the image: its length and a CRC-32C per chunk (the image must not change before the verify). */
    record Written(long bytes, long[] chunkCrcs) {
    }

    /** A filled buffer on its way from the reading thread to the writing one; {@code length} -1 ends the stream. */
    private record Chunk(ByteBuffer buf, int length) {
    }

    Written writeAll(CardImage image, CardTarget out, long deviceSize, Consumer<Progress> progress, Cancel cancel)
            throws IOException, Stopped {
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
        try {
            while (true) {
                Chunk c = full.take();
                if (c.length < 0) {
                    break;
                }
                if (pos + c.length > deviceSize) {
                    throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.fail.cardFull", n(deviceSize), n(pos)), pos, null);
                }
                stopIfAsked(cancel, pos);
                writeChunk(out, c, pos);
                pos += c.length;
                free.add(c.buf);
                progress.accept(new Progress("write", pos, Math.max(pos, image.size()), (System.nanoTime() - t0) / 1_000_000, !image.sizeExact()));
            }
            out.force();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.fail.interrupted"), pos, e);
        } finally {
            reader.interrupt();
        }
        if (readError[0] != null) {
            throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.fail.imageRead", n(pos), readError[0].getMessage()),
                    -1, readError[0]);
        }
        return new Written(pos, crcs.stream().mapToLong(Long::longValue).toArray());
    }

    /** O_DIRECT for the aligned part; an unaligned tail (images need not end on 4 KiB) goes through the page cache and is fsynced. */
    private static void writeChunk(CardTarget out, Chunk c, long pos) throws IOException {
        int direct = c.length / ALIGN * ALIGN;
        try {
            out.write(c.buf.duplicate().position(0).limit(direct), pos);
            if (direct < c.length) {
                out.writeTail(c.buf.duplicate().position(direct).limit(c.length), pos + direct);
            }
        } catch (IOException e) {
            throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.fail.write", n(pos), e.getMessage()), pos, e);
        }
    }

    /**
     * Reads the card back with O_DIRECT beside the image decompressed again, and compares their SHA-256.
     * Hashing here rather than while writing keeps the write at the device's pace; the chunks are also
     * compared byte for byte, which names the first bad offset. Returns the SHA-256 both have.
     */
    String verify(CardImage image, CardTarget in, Written w, Consumer<Progress> progress, Cancel cancel) throws IOException, Stopped {
        MessageDigest cardSha = Hashes.sha256();
        MessageDigest imageSha = Hashes.sha256();
        ByteBuffer card = aligned(CHUNK);
        ByteBuffer want = ByteBuffer.allocateDirect(CHUNK);
        long t0 = System.nanoTime();
        long bad = -1;
        try (ReadableByteChannel img = image.channel()) {
            for (long pos = 0; pos < w.bytes; pos += CHUNK) {
                if (cancel.requested()) {
                    String words = Texts.t("sdcard.stop.unverified");
                    throw new Stopped(Stopped.Kind.CANCELLED, "sdcard", words, BoardState.damaged(words), null);
                }
                int len = (int) Math.min(CHUNK, w.bytes - pos);
                card.clear().limit(Math.min(CHUNK, (len + ALIGN - 1) / ALIGN * ALIGN));
                try {
                    while (card.hasRemaining() && in.read(card, pos + card.position()) > 0) {
                        // fill the chunk
                    }
                } catch (IOException e) {
                    throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.fail.readBack", n(pos + card.position()),
                            e.getMessage()), pos + card.position(), e);
                }
                if (card.position() < len) {
                    throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.fail.cardEnded", n(pos + card.position())),
                            pos + card.position(), null);
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
                    throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.fail.imageChanged", n(pos)), pos, null);
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
    private String checkHead(CardTarget in) throws IOException {
        ByteBuffer head = aligned(8 << 20);
        while (head.hasRemaining() && in.read(head, head.position()) > 0) {
            // read the head
        }
        byte[] bytes = new byte[head.flip().remaining()];
        head.get(bytes);
        ImageInfo info = board.images().inspect(bytes);
        if (info.kind() != ImageKind.SDCARD_IMAGE) {
            throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.fail.head", info.kind().label(), info.detail()));
        }
        return info.detail();
    }

    private static ByteBuffer aligned(int size) {
        return ByteBuffer.allocateDirect(size + ALIGN).alignedSlice(ALIGN).limit(size).slice();
    }
}
