package r4rescue.testbed;

import java.io.IOException;

import r4rescue.link.Link;
import r4rescue.link.LinkListener;
import r4rescue.link.LinkState;

/** Paces a link to a real UART's byte rate in both directions (a pty runs as fast as its ends). */
public final class PacedLink implements Link {

    private final Link inner;
    private final double bytesPerSecond;

    public PacedLink(Link inner, double bytesPerSecond) {
        this.inner = inner;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Per direction: when the line is free again (a byte takes 1/rate s; idle time is not saved up). */
    private final long[] due = new long[2];

    private void pace(int direction, int bytes) {
        long now = System.nanoTime();
        long d;
        synchronized (due) {
            due[direction] = Math.max(due[direction], now) + (long) (bytes / bytesPerSecond * 1e9);
            d = due[direction];
        }
        long wait = d - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String describe() {
        return inner.describe() + " (paced)";
    }

    @Override
    public void open(LinkListener l) throws IOException {
        inner.open(new LinkListener() {
            @Override
            public void onBytes(byte[] data, int offset, int length) {
                pace(0, length);
                l.onBytes(data, offset, length);
            }

            @Override
            public void onState(LinkState state, String detail) {
                l.onState(state, detail);
            }
        });
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        for (int i = 0; i < length; i += 256) {
            int n = Math.min(256, length - i);
            pace(1, n);
            inner.write(data, offset + i, n);
        }
    }

    @Override
    public int baud() {
        return inner.baud();
    }

    @Override
    public void setBaud(int baud) throws IOException {
        inner.setBaud(baud);
    }

    @Override
    public void sendBreak(int millis) throws IOException {
        inner.sendBreak(millis);
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() {
        inner.close();
    }
}
