package r4rescue.testbed;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import r4rescue.link.Link;
import r4rescue.link.LinkException;
import r4rescue.link.LinkListener;
import r4rescue.link.LinkState;

/** Test-only link over a pseudo-terminal path (QEMU's -serial pty, socat): raw mode via stty, then plain file I/O. */
public final class PtyFileLink implements Link {

    private final Path path;
    private volatile int baud;
    private FileInputStream in;
    private FileOutputStream out;
    private volatile boolean open;
    private Thread reader;

    public PtyFileLink(Path path, int baud) {
        this.path = path;
        this.baud = baud;
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public void open(LinkListener listener) throws IOException {
        Path real = path.toRealPath();
        try {
            Process p = new ProcessBuilder("stty", "-F", real.toString(), "raw", "-echo").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("stty failed on " + real);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (!Files.exists(real)) {
            throw new LinkException(LinkException.Reason.NOT_FOUND, real + " missing", null);
        }
        in = new FileInputStream(real.toFile());
        out = new FileOutputStream(real.toFile());
        open = true;
        listener.onState(LinkState.OPEN, null);
        reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while (open && (n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        listener.onBytes(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // closed
            }
            if (open) {
                open = false;
                listener.onState(LinkState.DISCONNECTED, "pty closed");
            }
        }, "pty-" + real.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (!open) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, path + " is closed", null);
        }
        out.write(data, offset, length);
        out.flush();
    }

    @Override
    public int baud() {
        return baud;
    }

    @Override
    public void setBaud(int baud) {
        this.baud = baud;
    }

    @Override
    public void sendBreak(int millis) {
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        try {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            // nothing to do
        }
    }
}
