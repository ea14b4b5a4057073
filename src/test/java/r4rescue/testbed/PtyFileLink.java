package r4rescue.testbed;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import r4rescue.link.Link;
import r4rescue.link.LinkException;
import r4rescue.link.LinkListener;
import r4rescue.link.LinkState;

/**
 * Test-only link to a pseudo-terminal opened as a file (after {@code stty raw -echo}). Stands in
 * for the serial link helper's jSerialComm link until it is merged.
 */
public final class PtyFileLink implements Link {

    private final String path;
    private InputStream in;
    private OutputStream out;
    private volatile boolean open;

    public PtyFileLink(String path) {
        this.path = path;
    }

    @Override
    public String describe() {
        return path;
    }

    @Override
    public void open(LinkListener listener) throws IOException {
        try {
            Process p = new ProcessBuilder("stty", "-F", path, "raw", "-echo").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new LinkException(LinkException.Reason.OTHER, "stty failed on " + path, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        in = new FileInputStream(path);
        out = new FileOutputStream(path);
        open = true;
        listener.onState(LinkState.OPEN, null);
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                // Poll instead of blocking in read(): a read blocked on a closed descriptor could steal
                // bytes from the next opener of the same pty.
                while (open) {
                    int avail = in.available();
                    if (avail == 0) {
                        Thread.sleep(2);
                        continue;
                    }
                    int n = in.read(buf, 0, Math.min(avail, buf.length));
                    if (n < 0) {
                        break;
                    }
                    listener.onBytes(buf, 0, n);
                }
            } catch (IOException | InterruptedException e) {
                // the pty went away with QEMU
            }
            if (open) {
                listener.onState(LinkState.DISCONNECTED, "pty closed");
            }
        }, "pty-reader " + path);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) throws IOException {
        if (!open) {
            throw new LinkException(LinkException.Reason.DISCONNECTED, path + " is closed", null);
        }
        out.write(data, offset, length);
        out.flush();
    }

    @Override
    public int baud() {
        return 115200;
    }

    @Override
    public void setBaud(int baud) {
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
            out.close();
            in.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
