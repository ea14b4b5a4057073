package r4rescue.procedure.preflight;

import java.io.ByteArrayOutputStream;

import r4rescue.console.ByteSink;
import r4rescue.link.LinkState;

/** Bytes received from the console, waited for without fixed sleeps. */
final class Capture implements ByteSink {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long firstAt = -1;

    @Override
    public synchronized void onBytes(byte[] chunk) {
        if (bytes.size() == 0 && chunk.length > 0) {
            firstAt = System.nanoTime();
        }
        bytes.write(chunk, 0, chunk.length);
        notifyAll();
    }

    @Override
    public void onState(LinkState state, String detail) {
    }

    synchronized void clear() {
        bytes.reset();
        firstAt = -1;
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Waits until {@code n} bytes arrived or {@code millis} passed. */
    synchronized byte[] awaitCount(int n, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (bytes.size() < n) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return bytes.toByteArray();
    }

    /** Waits up to {@code firstMillis} for a first byte, then gathers for {@code windowMillis} after it. */
    synchronized byte[] awaitWindow(long firstMillis, long windowMillis) throws InterruptedException {
        long end = System.nanoTime() + firstMillis * 1_000_000;
        while (firstAt < 0) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return bytes.toByteArray();
            }
            wait(left);
        }
        long stop = firstAt + windowMillis * 1_000_000;
        for (long left; (left = (stop - System.nanoTime()) / 1_000_000) > 0; ) {
            wait(left);
        }
        return bytes.toByteArray();
    }
}
