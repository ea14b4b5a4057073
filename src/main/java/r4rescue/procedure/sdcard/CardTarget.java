package r4rescue.procedure.sdcard;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.sun.nio.file.ExtendedOpenOption;

import r4rescue.procedure.sdcard.unix.UnixFd;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Where the card's bytes go and come back from: the device opened by its path (root, or the
 * privileged child), or a descriptor UDisks2 opened for us. Both read and write with O_DIRECT from
 * aligned buffers; an unaligned tail goes through the page cache and is synced.
 */
interface CardTarget extends Closeable {

    /** Writes all of {@code b} (aligned) at {@code pos}. */
    void write(ByteBuffer b, long pos) throws IOException;

    /** Writes the image's last bytes, not a multiple of the block size, at {@code pos} (not O_DIRECT), and syncs them. */
    void writeTail(ByteBuffer b, long pos) throws IOException;

    /** Reads into {@code b} at {@code pos}: bytes read, -1 at the end. */
    int read(ByteBuffer b, long pos) throws IOException;

    /** Everything written is on the card. */
    void force() throws IOException;

    /** Opens the card for writing and reading back. */
    @FunctionalInterface
    interface Opener {
        CardTarget open(Path device) throws IOException;
    }

    /** The device by its path: this process needs the right to open it (root, or the pkexec child). */
    static CardTarget path(Path device) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(device, StandardOpenOption.WRITE, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (AccessDeniedException e) {
            throw new SdcardException(SdcardException.Kind.NO_PERMISSION, Message.of("sdcard.open.denied", device), -1, e);
        }
        return new CardTarget() {
            @Override
            public void write(ByteBuffer b, long pos) throws IOException {
                long at = pos - b.position();
                while (b.hasRemaining()) {
                    ch.write(b, at + b.position());
                }
            }

            @Override
            public void writeTail(ByteBuffer b, long pos) throws IOException {
                try (FileChannel tail = FileChannel.open(device, StandardOpenOption.WRITE)) {
                    long at = pos - b.position();
                    while (b.hasRemaining()) {
                        tail.write(b, at + b.position());
                    }
                    tail.force(true);
                }
            }

            @Override
            public int read(ByteBuffer b, long pos) throws IOException {
                return ch.read(b, pos);
            }

            @Override
            public void force() throws IOException {
                ch.force(true);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    /**
     * A descriptor this process received (UDisks2's OpenDevice, opened with O_DIRECT). Read and
     * written with pread/pwrite: reopening it as /proc/self/fd/N would ask for the rights it stands in for.
     */
    static CardTarget fd(int fd) {
        return new CardTarget() {
            @Override
            public void write(ByteBuffer b, long pos) throws IOException {
                UnixFd.pwrite(fd, b, pos);
            }

            @Override
            public void writeTail(ByteBuffer b, long pos) throws IOException {
                UnixFd.direct(fd, false);
                try {
                    UnixFd.pwrite(fd, b, pos);
                    UnixFd.fsync(fd);
                } finally {
                    UnixFd.direct(fd, true);
                }
            }

            @Override
            public int read(ByteBuffer b, long pos) throws IOException {
                return UnixFd.pread(fd, b, pos);
            }

            @Override
            public void force() throws IOException {
                UnixFd.fsync(fd);
            }

            @Override
            public void close() {
                UnixFd.close(fd);
            }
        };
    }
}
