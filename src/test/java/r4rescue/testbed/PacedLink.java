package r4rescue.testbed;

import java.io.IOException;

import r4rescue.link.Link;
import r4rescue.link.LinkListener;

/** Paces a link to a real UART's byte rate in both directions (a pty runs as fast as its ends). */
public final class PacedLink extends DelegatingLink {

    private final double bytesPerSecond;

    public PacedLink(Link inner, double bytesPerSecond) {
        super(inner);
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
    protected void received(LinkListener to, byte[] data, int offset, int length) {
        pace(0, length);
        to.onBytes(data, offset, length);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        for (int i = 0; i < length; i += 256) {
            int n = Math.min(256, length - i);
            pace(1, n);
            inner.write(data, offset + i, n);
        }
    }
}
