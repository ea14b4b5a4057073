package r4rescue.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Serves a simulated board on a TCP port, one client at a time (picocom via socat, PuTTY raw,
 * our own {@code tcp:} link). The board powers on when the first client connects and keeps
 * running between clients, as a real board does when the adapter is unplugged.
 */
public final class SimServer implements AutoCloseable {

    private final SimBoard board;
    private final ServerSocket server;
    private volatile Socket client;
    private final Thread acceptor;
    private volatile boolean cycleOnConnect;

    public SimServer(SimBoard board, String host, int port) throws IOException {
        this.board = board;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        acceptor = new Thread(this::acceptLoop, "sim-tcp-accept");
        acceptor.setDaemon(true);
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Each new client finds the board just switched off and on, as after a host that died and a user
     * who power-cycled the board before reconnecting.
     */
    public SimServer powerCycleOnConnect(boolean on) {
        cycleOnConnect = on;
        return this;
    }

    public SimServer start() {
        acceptor.start();
        return this;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                client = s;
                OutputStream out = s.getOutputStream();
                board.attach((data, off, len) -> {
                    try {
                        out.write(data, off, len);
                        out.flush();
                    } catch (IOException e) {
                        // the client went away; output is lost as on an unplugged cable
                    }
                });
                board.setCable(() -> closeQuietly(s), () -> { });
                if (cycleOnConnect) {
                    board.powerOff();
                }
                board.powerOn();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    board.onHostBytes(buf, 0, n);
                }
            } catch (IOException e) {
                // client gone or server closed: wait for the next one
            } finally {
                client = null;
                board.attach((d, o, l) -> { });
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Blocks until the server is closed. */
    public void join() throws InterruptedException {
        acceptor.join();
    }

    @Override
    public void close() {
        try {
            server.close();
            Socket c = client;
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        board.powerOff();
    }
}
