package r4rescue.procedure.sdcard.unix;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A connected unix stream socket as the {@link SocketChannel} dbus-java reads and writes, whose
 * every read is a recvmsg(2) that keeps the descriptors arriving beside the bytes (SCM_RIGHTS) and
 * whose next write after {@link #sendWithNextWrite} carries descriptors out. The JDK's own unix
 * channel drops them. Blocking only; no selector.
 */
final class FdSocketChannel extends SocketChannel {

    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SHUT_RD = 0;
    private static final int SHUT_WR = 1;
    private static final int SHUT_RDWR = 2;
    /** struct msghdr (LP64): name, namelen, iov, iovlen, control, controllen, flags. */
    private static final int MSGHDR = 56;
    /** struct cmsghdr (LP64): len (size_t), level, type, then the ints. */
    private static final int CMSGHDR = 16;
    /** D-Bus allows more, dbus-daemon's default limit is 16 per message; UDisks2 sends one. */
    private static final int MAX_FDS = 16;

    private final int fd;
    private final Deque<Integer> received = new ArrayDeque<>();
    private int[] outgoing;

    private FdSocketChannel(int fd) {
        super(SelectorProvider.provider());
        this.fd = fd;
    }

    /** Connects to the socket file {@code path}, or to the abstract name {@code path} when {@code abstractName}. */
    static FdSocketChannel connect(String path, boolean abstractName) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length + 2 > 108) {
            throw new IOException("unix socket path too long: " + path);
        }
        int fd = UnixFd.C.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket: " + UnixFd.lastError());
        }
        Memory addr = new Memory(110);
        addr.clear();
        addr.setShort(0, (short) AF_UNIX);
        addr.write(abstractName ? 3 : 2, name, 0, name.length);
        int len = 2 + name.length + 1;
        if (UnixFd.C.connect(fd, addr, len) != 0) {
            String why = UnixFd.lastError();
            UnixFd.close(fd);
            throw new IOException("connect " + path + ": " + why);
        }
        return new FdSocketChannel(fd);
    }

    /** The descriptors received since the last call, in order (dbus-java reads them once per message). */
    synchronized List<Integer> takeReceived() {
        List<Integer> l = List.copyOf(received);
        received.clear();
        return l;
    }

    /** The next write carries these descriptors (dbus-java hands them over just before the message's bytes). */
    synchronized void sendWithNextWrite(int[] fds) {
        outgoing = fds.length == 0 ? null : fds;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        int want = Math.min(dst.remaining(), 1 << 16);
        Memory data = new Memory(want);
        Memory control = new Memory(CMSGHDR + 4L * MAX_FDS);
        control.clear();
        Memory msg = header(data, want, control, (int) control.size());
        long n;
        do {
            n = UnixFd.C.recvmsg(fd, msg, MSG_CMSG_CLOEXEC);
        } while (n < 0 && com.sun.jna.Native.getLastError() == UnixFd.EINTR);
        if (n < 0) {
            throw new IOException("recvmsg: " + UnixFd.lastError());
        }
        keepDescriptors(msg, control);
        if (n == 0) {
            return -1;
        }
        dst.put(data.getByteArray(0, (int) n));
        return (int) n;
    }

    private void keepDescriptors(Memory msg, Memory control) {
        long controlLen = msg.getLong(40);
        for (long off = 0; off + CMSGHDR <= controlLen; ) {
            long len = control.getLong(off);
            if (len < CMSGHDR) {
                break;
            }
            if (control.getInt(off + 8) == SOL_SOCKET && control.getInt(off + 12) == SCM_RIGHTS) {
                synchronized (this) {
                    for (long i = off + CMSGHDR; i + 4 <= off + len; i += 4) {
                        received.add(control.getInt(i));
                    }
                }
            }
            off += (len + 7) & ~7L;
        }
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        int total = src.remaining();
        byte[] bytes = new byte[total];
        src.get(bytes);
        Memory data = new Memory(Math.max(1, total));
        data.write(0, bytes, 0, total);
        for (int done = 0; done < total; ) {
            Memory control = null;
            if (outgoing != null) {
                control = new Memory(CMSGHDR + ((4L * outgoing.length + 7) & ~7L));
                control.clear();
                control.setLong(0, CMSGHDR + 4L * outgoing.length);
                control.setInt(8, SOL_SOCKET);
                control.setInt(12, SCM_RIGHTS);
                control.write(CMSGHDR, outgoing, 0, outgoing.length);
            }
            Memory msg = header(data.share(done), total - done, control, control == null ? 0 : (int) control.size());
            long n = UnixFd.C.sendmsg(fd, msg, MSG_NOSIGNAL);
            if (n < 0 && com.sun.jna.Native.getLastError() == UnixFd.EINTR) {
                continue;
            }
            if (n < 0) {
                throw new IOException("sendmsg: " + UnixFd.lastError());
            }
            outgoing = null;
            done += (int) n;
        }
        return total;
    }

    /** A struct msghdr with one iovec over {@code data}; the iovec lives at its end. */
    private static Memory header(Pointer data, long len, Memory control, int controlLen) {
        Memory msg = new Memory(MSGHDR + 16);
        msg.clear();
        Pointer iov = msg.share(MSGHDR);
        iov.setPointer(0, data);
        iov.setLong(8, len);
        msg.setPointer(16, iov);
        msg.setLong(24, 1);
        if (control != null) {
            msg.setPointer(32, control);
            msg.setLong(40, controlLen);
        }
        return msg;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += write(srcs[i]);
        }
        return n;
    }

    @Override
    protected void implCloseSelectableChannel() {
        // shutdown first: it wakes a reader blocked in recvmsg, which close(2) alone does not
        UnixFd.C.shutdown(fd, SHUT_RDWR);
        UnixFd.close(fd);
    }

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
        if (!block) {
            throw new IOException("blocking only");
        }
    }

    @Override
    public SocketChannel bind(SocketAddress local) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> SocketChannel setOption(SocketOption<T> name, T value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T getOption(SocketOption<T> name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of();
    }

    @Override
    public SocketChannel shutdownInput() {
        UnixFd.C.shutdown(fd, SHUT_RD);
        return this;
    }

    @Override
    public SocketChannel shutdownOutput() {
        UnixFd.C.shutdown(fd, SHUT_WR);
        return this;
    }

    @Override
    public Socket socket() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isConnected() {
        return isOpen();
    }

    @Override
    public boolean isConnectionPending() {
        return false;
    }

    @Override
    public boolean connect(SocketAddress remote) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean finishConnect() {
        return true;
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public SocketAddress getLocalAddress() {
        return null;
    }
}
