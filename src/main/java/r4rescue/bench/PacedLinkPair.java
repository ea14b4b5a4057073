package r4rescue.bench;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

import r4rescue.link.PipeLink;

/**
 * Two in-process links joined like a real UART: each direction carries at most {@code bytesPerSecond}
 * (11,520 for 115200 8N1) and adds {@code latencyMicros} (USB adapter turnaround), so a protocol's
 * efficiency against the line rate can be measured without hardware. An FTDI adapter's
 * {@code latency_timer} is modelled on the way to the host: the chip sends what it received when
 * its 62-byte buffer is full or the timer runs out, so a lone ACK waits the whole timer.
 */
public final class PacedLinkPair implements AutoCloseable {

    private static final int SLICE = 16;
    /** An FTDI chip's receive buffer: 64-byte USB packets less 2 status bytes. */
    static final int FTDI_PACKET = 62;

    private final PipeLink host;
    private final PipeLink board;
    private final Direction toBoard;
    private final Direction toHost;

    public PacedLinkPair(int bytesPerSecond, long latencyMicros) {
        this(bytesPerSecond, latencyMicros, 0);
    }

    /** {@code latencyTimerMicros}: the adapter's latency timer (FTDI default 16 ms), 0 for none. */
    public PacedLinkPair(int bytesPerSecond, long latencyMicros, long latencyTimerMicros) {
        Direction[] d = new Direction[2];
        host = new PipeLink("paced-host", 115200, (data, off, len) -> d[0].offer(data, off, len));
        board = new PipeLink("paced-board", 115200, (data, off, len) -> d[1].offer(data, off, len));
        toBoard = d[0] = new Direction(board, bytesPerSecond, latencyMicros, 0);
        toHost = d[1] = new Direction(host, bytesPerSecond, latencyMicros, latencyTimerMicros);
    }

    public PipeLink host() {
        return host;
    }

    public PipeLink board() {
        return board;
    }

    @Override
    public void close() {
        toBoard.stop();
        toHost.stop();
        host.close();
        board.close();
    }

    private static final class Direction implements Runnable {
        private record Chunk(long arrived, byte[] data) {
        }

        private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        private final PipeLink target;
        private final double nanosPerByte;
        private final long latencyNanos;
        private final long timerNanos;
        private final Thread thread;
        private long lineFreeAt;

        Direction(PipeLink target, int bytesPerSecond, long latencyMicros, long timerMicros) {
            this.target = target;
            this.nanosPerByte = 1e9 / bytesPerSecond;
            this.latencyNanos = latencyMicros * 1000;
            this.timerNanos = timerMicros * 1000;
            thread = new Thread(this, "paced-" + target.describe());
            thread.setDaemon(true);
            thread.start();
        }

        void offer(byte[] data, int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(data, off, copy, 0, len);
            queue.add(new Chunk(System.nanoTime(), copy));
        }

        void stop() {
            thread.interrupt();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Chunk c = queue.take();
                    byte[] chunk = c.data();
                    for (int off = 0; off < chunk.length; off += SLICE) {
                        int len = Math.min(SLICE, chunk.length - off);
                        // The line's own timeline: a late wake-up of this thread does not slow the line.
                        long start = Math.max(c.arrived(), lineFreeAt);
                        lineFreeAt = start + (long) (len * nanosPerByte);
                        // A short burst does not fill the adapter's packet: it leaves when the timer runs out.
                        long held = chunk.length - off < FTDI_PACKET ? timerNanos : 0;
                        long due = lineFreeAt + Math.max(latencyNanos, held);
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                            if (Thread.interrupted()) {
                                return;
                            }
                        }
                        target.deliver(chunk, off, len);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
