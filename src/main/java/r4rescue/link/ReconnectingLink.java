package r4rescue.link;

import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;

/**
 * A serial link that survives an unplug: when the adapter goes away it reports
 * {@link LinkState#DISCONNECTED} (with the time) and {@link LinkState#RECONNECTING}, then
 * reopens by itself when the same adapter — by serial number or by-id/symlink path, see
 * {@link DeviceIdentity} — comes back, at the same baud rate. Nothing here blocks or throws into
 * the caller on an unplug; writes while disconnected fail at once.
 */
public final class ReconnectingLink implements Link {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final String spec;
    private final long retryMillis;
    private final Supplier<List<PortInfo>> ports;
    private volatile int baud;
    private volatile SerialLink current;
    private volatile LinkListener listener;
    private volatile boolean open;
    private volatile String downSince;
    private DeviceIdentity identity;
    private Thread reconnector;

    public ReconnectingLink(String spec, int baud) {
        this(spec, baud, 500, SerialPorts::list);
    }

    /** {@code ports} is asked only when the adapter is matched by serial number. */
    ReconnectingLink(String spec, int baud, long retryMillis, Supplier<List<PortInfo>> ports) {
        this.spec = spec;
        this.baud = baud;
        this.retryMillis = retryMillis;
        this.ports = ports;
    }

    @Override
    public String describe() {
        return spec;
    }

    /** Who is awaited after an unplug; known once open. */
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public synchronized void open(LinkListener l) throws IOException {
        if (open) {
            throw new LinkException(LinkException.Reason.BUSY, spec + " is already open", null);
        }
        listener = l;
        SerialLink s = new SerialLink(spec, baud);
        s.open(new Inner(s, null));
        identity = s.identity();
        current = s;
        open = true;
    }

    /** Forwards one underlying link's events until that link is replaced or closed. */
    private final class Inner implements LinkListener {
        private final SerialLink link;
        private final String openDetail;
        private volatile boolean retired;

        Inner(SerialLink link, String openDetail) {
            this.link = link;
            this.openDetail = openDetail;
        }

        @Override
        public void onBytes(byte[] data, int offset, int length) {
            if (!retired) {
                listener.onBytes(data, offset, length);
            }
        }

        @Override
        public void onState(LinkState state, String detail) {
            if (retired) {
                return;
            }
            switch (state) {
                case OPEN -> listener.onState(LinkState.OPEN, openDetail);
                case DISCONNECTED -> {
                    retired = true;
                    lost(link, detail);
                }
                default -> {
                    // CLOSED comes from our own close(), which reports it once itself.
                }
            }
        }
    }

    private synchronized void lost(SerialLink link, String detail) {
        if (!open || current != link) {
            return;
        }
        current = null;
        link.close();
        downSince = LocalTime.now().format(TIME);
        listener.onState(LinkState.DISCONNECTED, "Adapter disconnected at " + downSince + " (" + detail + ")");
        listener.onState(LinkState.RECONNECTING, "Waiting for " + identity.describe() + " to come back");
        reconnector = new Thread(this::reconnectLoop, "link-reconnect " + spec);
        reconnector.setDaemon(true);
        reconnector.start();
    }

    private void reconnectLoop() {
        String lastFailure = null;
        while (open) {
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                return;
            }
            String where = identity.locate(ports);
            if (where == null) {
                continue;
            }
            synchronized (this) {
                if (!open) {
                    return;
                }
                SerialLink s = new SerialLink(where, baud);
                try {
                    s.open(new Inner(s, "Reconnected to " + where + " at " + LocalTime.now().format(TIME)
                            + " (down since " + downSince + ")"));
                    current = s;
                    return;
                } catch (IOException e) {
                    // Right after plug-in udev may not have set the permissions yet: keep trying, say why once.
                    String why = e.toString();
                    if (!why.equals(lastFailure)) {
                        lastFailure = why;
                        listener.onState(LinkState.RECONNECTING, "Adapter is back but cannot be opened yet: " + why);
                    }
                }
            }
        }
    }

    private SerialLink connected() throws LinkException {
        SerialLink s = current;
        if (s == null) {
            throw new LinkException(LinkException.Reason.DISCONNECTED,
                    open ? spec + " is disconnected since " + downSince : spec + " is closed",
                    open ? "Plug the adapter back in; the link comes back by itself" : null);
        }
        return s;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        connected().write(data, offset, length);
    }

    @Override
    public int baud() {
        return baud;
    }

    @Override
    public void setBaud(int newBaud) throws IOException {
        SerialLink s = current;
        if (s != null) {
            s.setBaud(newBaud);
        }
        baud = newBaud;
    }

    @Override
    public void sendBreak(int millis) throws IOException {
        connected().sendBreak(millis);
    }

    /** True from open until close, also while waiting for the adapter (see {@link #isConnected}). */
    @Override
    public boolean isOpen() {
        return open;
    }

    public boolean isConnected() {
        return current != null;
    }

    @Override
    public void close() {
        Thread r;
        SerialLink s;
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            r = reconnector;
            s = current;
            current = null;
        }
        if (r != null) {
            r.interrupt();
        }
        if (s != null) {
            s.close();
        }
        listener.onState(LinkState.CLOSED, null);
    }
}
