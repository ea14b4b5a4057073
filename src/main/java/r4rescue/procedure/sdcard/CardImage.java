package r4rescue.procedure.sdcard;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The card image as the bytes the card must hold: a raw {@code .img}, or a {@code .img.gz} decompressed as it is read. */
public record CardImage(Path file, boolean gzip, long size, boolean sizeExact) {

    public static CardImage of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer magic = ByteBuffer.allocate(2);
            ch.read(magic, 0);
            boolean gz = magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
            if (!gz) {
                return new CardImage(file, false, ch.size(), true);
            }
            // gzip's trailer holds the decompressed size modulo 4 GiB: exact for OpenWrt's card images (hundreds of MB).
            ByteBuffer isize = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(isize, ch.size() - 4);
            return new CardImage(file, true, Integer.toUnsignedLong(isize.getInt(0)), false);
        }
    }

    /** The decompressed bytes from the start, as a channel: a raw image is read straight into the caller's buffer. */
    public ReadableByteChannel channel() throws IOException {
        return gzip ? Channels.newChannel(open()) : FileChannel.open(file);
    }

    /** The decompressed bytes from the start. */
    public InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
