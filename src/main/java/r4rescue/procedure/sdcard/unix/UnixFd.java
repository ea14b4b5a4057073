package r4rescue.procedure.sdcard.unix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls the JDK does not offer on a bare file descriptor: a unix socket that passes
 * descriptors (SCM_RIGHTS), and positioned reads and writes on a descriptor received that way
 * (UDisks2's {@code OpenDevice} answer, which this user could not open by its path). 64-bit Linux
 * only (x86-64 and arm64 share these layouts; only O_DIRECT's value differs).
 */
public final class UnixFd {

    /** libc as JNA maps it; sizes are LP64 (size_t, ssize_t, off_t are long). */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int connect(int fd, Pointer addr, int len);

        long sendmsg(int fd, Pointer msg, int flags);

        long recvmsg(int fd, Pointer msg, int flags);

        int shutdown(int fd, int how);

        int close(int fd);

        int open(String path, int flags);

        long pread(int fd, Pointer buf, long count, long offset);

        long pwrite(int fd, Pointer buf, long count, long offset);

        int fsync(int fd);

        int fcntl(int fd, int cmd, int arg);

        String strerror(int errno);
    }

    static final LibC C = Native.load("c", LibC.class);

    public static final int O_RDWR = 2;
    public static final int O_EXCL = 0200;
    public static final int O_CLOEXEC = 02000000;
    /** O_DIRECT: 040000 on x86-64, 0200000 on arm64 (asm-generic). */
    public static final int O_DIRECT = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64") ? 0200000 : 040000;
    static final int EINTR = 4;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;

    private UnixFd() {
    }

    /** The last call's errno as a sentence, e.g. "Permission denied (errno 13)". */
    static String lastError() {
        int e = Native.getLastError();
        return C.strerror(e) + " (errno " + e + ")";
    }

    /** open(2) with {@code flags}; for tests and stand-ins that hand out a descriptor. */
    public static int open(String path, int flags) throws IOException {
        int fd = C.open(path, flags);
        if (fd < 0) {
            throw new IOException("open " + path + ": " + lastError());
        }
        return fd;
    }

    /** Writes all of {@code b} (a direct buffer, from its position) at {@code offset}. */
    public static void pwrite(int fd, ByteBuffer b, long offset) throws IOException {
        Pointer base = Native.getDirectBufferPointer(b);
        long done = 0;
        int len = b.remaining();
        while (done < len) {
            long n = C.pwrite(fd, base.share(b.position() + done), len - done, offset + done);
            if (n < 0 && Native.getLastError() == EINTR) {
                continue;
            }
            if (n <= 0) {
                throw new IOException(n == 0 ? "no progress" : lastError());
            }
            done += n;
        }
        b.position(b.position() + len);
    }

    /** Reads into {@code b} (a direct buffer, from its position) at {@code offset}; like FileChannel.read: -1 at the end. */
    public static int pread(int fd, ByteBuffer b, long offset) throws IOException {
        while (true) {
            long n = C.pread(fd, Native.getDirectBufferPointer(b).share(b.position()), b.remaining(), offset);
            if (n < 0 && Native.getLastError() == EINTR) {
                continue;
            }
            if (n < 0) {
                throw new IOException(lastError());
            }
            if (n == 0) {
                return -1;
            }
            b.position(b.position() + (int) n);
            return (int) n;
        }
    }

    public static void fsync(int fd) throws IOException {
        if (C.fsync(fd) != 0) {
            throw new IOException("fsync: " + lastError());
        }
    }

    /** Turns O_DIRECT on or off for an open descriptor (Linux allows it with F_SETFL). */
    public static void direct(int fd, boolean on) throws IOException {
        int flags = C.fcntl(fd, F_GETFL, 0);
        if (flags < 0 || C.fcntl(fd, F_SETFL, on ? flags | O_DIRECT : flags & ~O_DIRECT) != 0) {
            throw new IOException("fcntl O_DIRECT: " + lastError());
        }
    }

    public static void close(int fd) {
        C.close(fd);
    }
}
