package r4rescue.link;

import java.io.IOException;

/**
 * An in-process link: the host side is a {@link Link}, the far side is a {@link Peer} such as the
 * simulated board. Host writes reach the peer synchronously on the writer's thread (the peer
 * queues them); the peer pushes bytes to the host with {@link #deliver} from its own thread.
 */
public final class PipeLink implements Link {

    /** The far end of the pipe. */
    public interface Peer {
        /** Bytes the host wrote; must not block. */
        void onHostBytes(byte[] data, int offset, int length);

        /** The host changed the line rate. */
        default void onBaud(int baud) {
        }

        /** The host sent a serial break. */
        default void onBreak() {
        }
    }

    private final String name;
    private final Peer peer;
    private volatile int baud;
    private volatile LinkListener listener;
    private volatile boolean open;
    private volatile boolean connected = true;

    public PipeLink(String name, int baud, Peer peer) {
        this.name = name;
        this.baud = baud;
        this.peer = peer;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void open(LinkListener l) throws IOException {
        if (open) {
            throw new LinkException(LinkException.Reason.BUSY, name + " is already open", null);
        }
        listener = l;
        open = true;
        l.onState(connected ? LinkState.OPEN : LinkState.DISCONNECTED, null);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (!open) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, name + " is closed", null);
        }
        if (!connected) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, name + " is disconnected",
                    "Plug the cable back in");
        }
        peer.onHostBytes(data, offset, length);
    }

    /** Called by the peer: bytes travelling to the host. Dropped while disconnected, as on a real cable. */
    public void deliver(byte[] data, int offset, int length) {
        LinkListener l = listener;
        if (open && connected && l != null) {
            l.onBytes(data, offset, length);
        }
    }

    /** Simulates pulling the cable. */
    public void disconnect(String why) {
        if (connected) {
            connected = false;
            LinkListener l = listener;
            if (open && l != null) {
                l.onState(LinkState.DISCONNECTED, why);
            }
        }
    }

    /** Simulates plugging the cable back in. */
    public void reconnect() {
        if (!connected) {
            connected = true;
            LinkListener l = listener;
            if (open && l != null) {
                l.onState(LinkState.OPEN, "reconnected");
            }
        }
    }

    public boolean isConnected() {
        return connected;
    }

    @Override
    public int baud() {
        return baud;
    }

    @Override
    public void setBaud(int baud) {
        this.baud = baud;
        peer.onBaud(baud);
    }

    @Override
    public void sendBreak(int millis) {
        peer.onBreak();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            LinkListener l = listener;
            if (l != null) {
                l.onState(LinkState.CLOSED, null);
            }
        }
    }
}
