package r4rescue.procedure.sdcard.unix;

import org.freedesktop.dbus.connections.BusAddress;
import org.freedesktop.dbus.connections.config.TransportConfig;
import org.freedesktop.dbus.connections.transports.AbstractTransport;
import org.freedesktop.dbus.exceptions.TransportConfigurationException;
import org.freedesktop.dbus.spi.transport.ITransportProvider;
import org.freedesktop.dbus.utils.Util;

/** Registers {@link FdTransport} with dbus-java (ServiceLoader) for "unix:" addresses. */
public final class FdTransportProvider implements ITransportProvider {

    @Override
    public String getTransportName() {
        return "r4rescue-unix-fd";
    }

    @Override
    public AbstractTransport createTransport(BusAddress address, TransportConfig config) throws TransportConfigurationException {
        return new FdTransport(address, config);
    }

    @Override
    public String getSupportedBusType() {
        return "UNIX";
    }

    @Override
    public String createDynamicSessionAddress(boolean listeningSocket) {
        return Util.createDynamicSessionAddress(listeningSocket, false);
    }
}
