package r4rescue.link;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a link's writes on a thread of its own so a caller waits at most a bounded time, even
 * where the OS write itself can block for ever (a tty whose far end stopped reading, a stalled
 * TCP peer). Writes stay in order.
 */
final class BoundedWriter implements AutoCloseable {

    /** The blocking write this class bounds. */
    interface Sink {
        void writeAll(byte[] data, int offset, int length) throws IOException;
    }

    private final String name;
    private final ExecutorService thread;

    BoundedWriter(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "link-writer " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Time allowed for {@code length} bytes: twice the line time at {@code baud} (10 bits a byte) plus 5 s. */
    static long timeoutMillis(int length, int baud) {
        return 5_000 + 2_000L * length * 10 / Math.max(baud, 1);
    }

    void write(Sink sink, byte[] data, int offset, int length, long timeoutMs) throws IOException {
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        Future<?> f = thread.submit(() -> {
            sink.writeAll(copy, 0, length);
            return null;
        });
        try {
            f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new LinkException(LinkException.Reason.OTHER,
                    "Writing to " + name + " did not finish within " + timeoutMs / 1000 + " s",
                    "The far end is not taking data: check the adapter and cable");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("Writing to " + name + " failed", e.getCause());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("write to " + name + " cancelled");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
