package r4rescue.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Raw bytes over TCP, {@code tcp:HOST:PORT}: what ser2net (raw mode) and bench serial servers
 * offer. The line rate is set on the server, so {@link #setBaud} only records it.
 */
public final class TcpLink implements Link {

    public static final String PREFIX = "tcp:";
    static final int CONNECT_TIMEOUT_MS = 5_000;

    private final String spec;
    private final String host;
    private final int tcpPort;
    private volatile int baud;
    private volatile Socket socket;
    private volatile boolean closing;
    private volatile boolean connected;
    private volatile LinkListener listener;
    private BoundedWriter writer;

    public TcpLink(String spec, int baud) throws LinkException {
        this.spec = spec;
        this.baud = baud;
        String rest = spec.startsWith(PREFIX) ? spec.substring(PREFIX.length()) : spec;
        int colon = rest.lastIndexOf(':');
        int p = -1;
        if (colon > 0) {
            try {
                p = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                p = -1;
            }
        }
        if (p < 1 || p > 65535) {
            throw new LinkException(LinkException.Reason.NOT_FOUND, "Bad TCP port spec " + spec,
                    "Write it as tcp:HOST:PORT, e.g. tcp:192.168.1.10:2000 or tcp:[::1]:2000");
        }
        String h = rest.substring(0, colon);
        this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        this.tcpPort = p;
    }

    @Override
    public String describe() {
        return spec;
    }

    @Override
    public synchronized void open(LinkListener l) throws IOException {
        if (socket != null) {
            throw new LinkException(LinkException.Reason.BUSY, spec + " is already open", null);
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, tcpPort), CONNECT_TIMEOUT_MS);
            s.setTcpNoDelay(true);
        } catch (UnknownHostException e) {
            s.close();
            throw new LinkException(LinkException.Reason.NOT_FOUND, "Unknown host " + host,
                    "Check the name or use the server's IP address", e);
        } catch (ConnectException e) {
            s.close();
            throw new LinkException(LinkException.Reason.NOT_FOUND, "Nothing accepts connections at " + host + ":" + tcpPort,
                    "Check that the serial server (ser2net) runs and listens on that port", e);
        } catch (SocketTimeoutException e) {
            s.close();
            throw new LinkException(LinkException.Reason.NOT_FOUND, "No answer from " + host + ":" + tcpPort
                    + " within " + CONNECT_TIMEOUT_MS / 1000 + " s", "Check the address and any firewall in between", e);
        } catch (IOException e) {
            s.close();
            throw new LinkException(LinkException.Reason.OTHER, "Cannot connect to " + host + ":" + tcpPort + ": " + e.getMessage(),
                    "Check the address and the network", e);
        }
        socket = s;
        listener = l;
        closing = false;
        connected = true;
        writer = new BoundedWriter(spec);
        l.onState(LinkState.OPEN, null);
        Thread reader = new Thread(() -> readLoop(s, l), "link-reader " + spec);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop(Socket s, LinkListener l) {
        byte[] buf = new byte[16384];
        String why = "the server closed the connection";
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    l.onBytes(buf, 0, n);
                }
            }
        } catch (IOException e) {
            why = e.getMessage();
        }
        if (!closing) {
            connected = false;
            l.onState(LinkState.DISCONNECTED, spec + ": " + why);
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        Socket s = socket;
        if (s == null || !connected) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, spec + " is not connected",
                    "Check the serial server and open the port again");
        }
        writer.write((d, o, n) -> {
            try {
                OutputStream out = s.getOutputStream();
                out.write(d, o, n);
                out.flush();
            } catch (IOException e) {
                throw new LinkException(LinkException.Reason.DISCONNECTED, "Writing to " + spec + " failed: " + e.getMessage(),
                        "Check the serial server and the network", e);
            }
        }, data, offset, length, BoundedWriter.timeoutMillis(length, baud));
    }

    @Override
    public int baud() {
        return baud;
    }

    /** Recorded only: the serial server sets the real line rate. */
    @Override
    public void setBaud(int baud) {
        this.baud = baud;
    }

    /** Raw TCP has no break signal; does nothing. */
    @Override
    public void sendBreak(int millis) {
    }

    @Override
    public boolean isOpen() {
        return socket != null && connected;
    }

    @Override
    public synchronized void close() {
        Socket s = socket;
        if (s == null) {
            return;
        }
        closing = true;
        connected = false;
        writer.close();
        try {
            s.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        socket = null;
        LinkListener l = listener;
        if (l != null) {
            l.onState(LinkState.CLOSED, null);
        }
    }
}
