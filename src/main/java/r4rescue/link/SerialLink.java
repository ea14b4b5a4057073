package r4rescue.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

/**
 * A serial port through jSerialComm, 8N1 without flow control. A reader thread blocks in short
 * (100 ms) reads and hands every byte to the listener; a read error (adapter unplugged, pty
 * closed) reports {@link LinkState#DISCONNECTED} once and releases the port. This link does not
 * come back by itself: {@link ReconnectingLink} does that.
 */
public final class SerialLink implements Link {

    private static final int READ_TIMEOUT_MS = 100;
    /** Zero-byte reads much faster than the timeout mean a hung-up tty, not a quiet line. */
    private static final long FAST_EMPTY_READ_NANOS = 10_000_000L;

    private final String spec;
    private volatile int baud;
    private volatile SerialPort port;
    private volatile LinkListener listener;
    private volatile boolean closing;
    private volatile boolean connected;
    private DeviceIdentity identity;
    private Thread reader;
    private BoundedWriter writer;

    /** {@code spec}: a device path ({@code /dev/ttyUSB0}, a by-id or pty symlink), a name ({@code ttyUSB0}, {@code COM3}). */
    public SerialLink(String spec, int baud) {
        this.spec = spec;
        this.baud = baud;
    }

    @Override
    public String describe() {
        return spec;
    }

    /** Who this adapter is, for finding it again after an unplug; known once open. */
    public DeviceIdentity identity() {
        return identity;
    }

    @Override
    public synchronized void open(LinkListener l) throws IOException {
        if (port != null) {
            throw new LinkException(LinkException.Reason.BUSY, spec + " is already open", null);
        }
        String device = devicePath(spec);
        SerialPort sp;
        try {
            sp = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            throw OpenErrors.notFound(spec);
        }
        sp.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        sp.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        sp.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!sp.openPort()) {
            throw OpenErrors.explain(device, sp.getLastErrorCode());
        }
        identity = identify(spec, device);
        port = sp;
        listener = l;
        closing = false;
        connected = true;
        writer = new BoundedWriter(spec);
        // OPEN before the first byte, so listeners see the state change first.
        l.onState(LinkState.OPEN, null);
        reader = new Thread(() -> readLoop(sp, l), "link-reader " + spec);
        reader.setDaemon(true);
        reader.start();
    }

    /** The path jSerialComm opens: symlinks resolved (it opens ptys by their real path), bare Unix names under /dev. */
    static String devicePath(String spec) throws LinkException {
        if (SerialPorts.isWindows()) {
            return spec;
        }
        Path p = Paths.get(spec.contains("/") ? spec : "/dev/" + spec);
        Path real = SerialPorts.realPath(p);
        if (real == null) {
            throw OpenErrors.notFound(spec);
        }
        return real.toString();
    }

    private static DeviceIdentity identify(String spec, String device) {
        PortInfo info = SerialPorts.list().stream()
                .filter(p -> p.spec().equals(device) || p.systemName().equals(device)).findFirst().orElse(null);
        String stable = null;
        if (!SerialPorts.isWindows()) {
            Path given = Paths.get(spec);
            if (Files.isSymbolicLink(given)) {
                stable = given.toAbsolutePath().toString();
            } else {
                Path byId = SerialPorts.byIdLinks().get(Paths.get(device));
                stable = byId == null ? null : byId.toString();
            }
        }
        return info == null
                ? new DeviceIdentity(stable, null, -1, -1, device)
                : new DeviceIdentity(stable, info.serialNumber(), info.vid(), info.pid(), device);
    }

    private void readLoop(SerialPort sp, LinkListener l) {
        byte[] buf = new byte[16384];
        int fastEmpty = 0;
        while (!closing) {
            long t0 = System.nanoTime();
            int n = sp.readBytes(buf, buf.length);
            if (closing) {
                // A byte read while closing still belongs to the session.
                if (n > 0) {
                    l.onBytes(buf, 0, n);
                }
                return;
            }
            if (n > 0) {
                fastEmpty = 0;
                l.onBytes(buf, 0, n);
            } else if (n < 0) {
                lost(sp, l, "read error " + sp.getLastErrorCode());
                return;
            } else if (System.nanoTime() - t0 < FAST_EMPTY_READ_NANOS && ++fastEmpty >= 20) {
                if (!Files.exists(Paths.get(sp.getSystemPortPath()))) {
                    lost(sp, l, "device gone");
                    return;
                }
                fastEmpty = 0;
                sleepQuietly(10);
            }
        }
    }

    private void lost(SerialPort sp, LinkListener l, String why) {
        connected = false;
        sp.closePort();
        l.onState(LinkState.DISCONNECTED, spec + ": " + why);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        SerialPort sp = port;
        if (sp == null || !connected) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, spec + " is not connected",
                    "Plug the adapter in and open the port again");
        }
        writer.write((d, o, n) -> {
            int done = 0;
            while (done < n) {
                int w = sp.writeBytes(d, n - done, o + done);
                if (w <= 0) {
                    throw new LinkException(LinkException.Reason.DISCONNECTED,
                            "Writing to " + spec + " failed (error " + sp.getLastErrorCode() + ")",
                            "Check that the adapter is still plugged in");
                }
                done += w;
            }
        }, data, offset, length, BoundedWriter.timeoutMillis(length, baud));
    }

    @Override
    public int baud() {
        return baud;
    }

    @Override
    public void setBaud(int newBaud) throws IOException {
        SerialPort sp = port;
        if (sp != null && connected && !sp.setBaudRate(newBaud)) {
            throw new LinkException(LinkException.Reason.OTHER, spec + " refused " + newBaud + " baud",
                    "This adapter may not support that rate; try 115200, 230400, 460800 or 921600");
        }
        baud = newBaud;
    }

    @Override
    public void sendBreak(int millis) throws IOException {
        SerialPort sp = port;
        if (sp == null || !connected) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, spec + " is not connected", null);
        }
        if (!sp.setBreak()) {
            throw new LinkException(LinkException.Reason.OTHER, spec + " cannot send a break",
                    "This adapter or driver does not support serial breaks");
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sp.clearBreak();
        }
    }

    @Override
    public boolean isOpen() {
        return port != null && connected;
    }

    @Override
    public synchronized void close() {
        SerialPort sp = port;
        if (sp == null) {
            return;
        }
        closing = true;
        // Let the reader leave its native read before the handle goes away.
        if (reader != Thread.currentThread()) {
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.close();
        sp.closePort();
        port = null;
        connected = false;
        LinkListener l = listener;
        if (l != null) {
            l.onState(LinkState.CLOSED, null);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
