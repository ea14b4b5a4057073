package r4rescue.link;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Turns a port spec into a link, and lists the ports a user can pick. */
public final class Links {

    /** Loaded once: the window asks on every change of the port field. */
    private static final List<LinkProvider> PROVIDERS = ServiceLoader.load(LinkProvider.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    private Links() {
    }

    /** The provider that opens {@code spec}, if one does (none for serial devices and {@code tcp:}). */
    public static Optional<LinkProvider> provider(String spec) {
        return spec == null ? Optional.empty() : PROVIDERS.stream().filter(p -> p.accepts(spec)).findFirst();
    }

    /** Every provider, e.g. to {@link LinkProvider#preload} their data. */
    public static List<LinkProvider> providers() {
        return PROVIDERS;
    }

    /**
     * A new, not yet opened link: {@code tcp:HOST:PORT}, a spec a {@link LinkProvider} accepts
     * (such as {@code sim:SCENARIO}), or a serial device path / name — the latter reconnects by
     * itself after an unplug ({@link ReconnectingLink}).
     */
    public static Link create(String spec, int baud) throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new LinkException(LinkException.Reason.NOT_FOUND, "No port given", "Pick a port, e.g. /dev/ttyUSB0");
        }
        Optional<LinkProvider> provider = provider(spec);
        if (provider.isPresent()) {
            return provider.get().create(spec, baud);
        }
        if (spec.startsWith(TcpLink.PREFIX)) {
            return new TcpLink(spec, baud);
        }
        return new ReconnectingLink(spec, baud);
    }

    /** Every port a user can pick, likely USB-UART adapters first, then the providers' ports. */
    public static List<PortInfo> list() {
        List<PortInfo> all = new ArrayList<>(SerialPorts.list());
        for (LinkProvider p : PROVIDERS) {
            all.addAll(p.ports());
        }
        return all;
    }
}
