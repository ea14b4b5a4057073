package r4rescue.procedure.sdcard.unix;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import org.freedesktop.dbus.connections.BusAddress;
import org.freedesktop.dbus.connections.SASL;
import org.freedesktop.dbus.connections.config.TransportConfig;
import org.freedesktop.dbus.connections.transports.AbstractUnixTransport;
import org.freedesktop.dbus.exceptions.TransportConfigurationException;

/**
 * dbus-java's unix transport over {@link FdSocketChannel}, so that D-Bus messages can carry file
 * descriptors (UDisks2's {@code Block.OpenDevice} answers with one). Our own code because none of
 * the transports served to this project passes descriptors: dbus-java's native one (JDK unix
 * sockets, JEP 380) cannot, and the jnr and junixsocket ones are not available here. Client side
 * only: this program never listens on a bus address.
 */
final class FdTransport extends AbstractUnixTransport {

    private final String path;
    private final boolean abstractName;
    private FdSocketChannel channel;

    FdTransport(BusAddress address, TransportConfig config) throws TransportConfigurationException {
        super(address, config);
        if (address.hasParameter("path")) {
            path = address.getParameterValue("path");
            abstractName = false;
        } else if (address.hasParameter("abstract")) {
            path = address.getParameterValue("abstract");
            abstractName = true;
        } else {
            throw new TransportConfigurationException("unix bus address without path or abstract: " + address);
        }
        getSaslConfig().setAuthMode(SASL.AUTH_EXTERNAL);
    }

    @Override
    protected boolean hasFileDescriptorSupport() {
        return true;
    }

    @Override
    protected SocketChannel connectImpl() throws IOException {
        channel = FdSocketChannel.connect(path, abstractName);
        return channel;
    }

    @Override
    protected void bindImpl() throws IOException {
        throw new IOException("listening on a unix bus address is not supported");
    }

    @Override
    protected SocketChannel acceptImpl() throws IOException {
        throw new IOException("listening on a unix bus address is not supported");
    }

    @Override
    protected boolean isBound() {
        return false;
    }

    @Override
    protected void closeTransport() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    /** Only a listening side asks the peer's uid; this transport never listens. */
    @Override
    public int getUid(SocketChannel sock) throws IOException {
        throw new IOException("not a listening transport");
    }
}
