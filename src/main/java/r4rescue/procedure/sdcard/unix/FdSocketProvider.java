package r4rescue.procedure.sdcard.unix;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.List;

import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.spi.message.AbstractInputStreamMessageReader;
import org.freedesktop.dbus.spi.message.AbstractOutputStreamMessageWriter;
import org.freedesktop.dbus.spi.message.IMessageReader;
import org.freedesktop.dbus.spi.message.IMessageWriter;
import org.freedesktop.dbus.spi.message.ISocketProvider;

/**
 * dbus-java's message reader and writer for an {@link FdSocketChannel} (ServiceLoader): a message's
 * descriptors are the ones that arrived while its bytes were read, and go out with its first bytes.
 * Declines other channels, which then get dbus-java's built-in reader and writer.
 */
public final class FdSocketProvider implements ISocketProvider {

    private volatile boolean fdSupport;

    @Override
    public IMessageReader createReader(SocketChannel socket) {
        if (!(socket instanceof FdSocketChannel ch)) {
            return null;
        }
        return new AbstractInputStreamMessageReader(socket, this) {
            @Override
            protected List<FileDescriptor> readFileDescriptors(SocketChannel s) {
                return ch.takeReceived().stream().map(FileDescriptor::new).toList();
            }
        };
    }

    @Override
    public IMessageWriter createWriter(SocketChannel socket) {
        if (!(socket instanceof FdSocketChannel ch)) {
            return null;
        }
        return new AbstractOutputStreamMessageWriter(socket, this) {
            @Override
            protected void writeFileDescriptors(SocketChannel s, List<FileDescriptor> fds) throws IOException {
                if (fds != null) {
                    ch.sendWithNextWrite(fds.stream().mapToInt(FileDescriptor::getIntFileDescriptor).toArray());
                }
            }
        };
    }

    @Override
    public void setFileDescriptorSupport(boolean support) {
        fdSupport = support;
    }

    @Override
    public boolean isFileDescriptorPassingSupported() {
        return fdSupport;
    }
}
