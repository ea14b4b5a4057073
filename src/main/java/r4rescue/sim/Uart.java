package r4rescue.sim;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * The board's UART0: a receive FIFO the firmware reads with timeouts, and a transmitter that
 * hands bytes to the host either at once or paced at the baud rate (10 bits a byte, 8N1) by a
 * sender thread that keeps a precise schedule, so the long-run rate matches the line.
 */
public final class Uart {

    /** Where transmitted bytes go (the host side of a PipeLink, or a TCP client). */
    public interface Host {
        void deliver(byte[] data, int offset, int length);
    }

    /** Bytes the transmitter may hold ahead of the line (the FIFO plus the driver's buffer). */
    private static final int TX_FIFO = 4096;

    private final ArrayDeque<Byte> rx = new ArrayDeque<>();
    /** When paced: the time each received byte has fully arrived on the line. */
    private final ArrayDeque<Long> rxDue = new ArrayDeque<>();
    private long rxNextDue;
    private final ArrayDeque<Byte> tx = new ArrayDeque<>();
    private final Faults faults;
    private volatile Host host;
    private volatile boolean paced;
    private volatile int baud = 115200;
    private volatile Thread sender;
    private long sent;
    private long nextDue;
    private Runnable onSent;

    public Uart(Faults faults) {
        this.faults = faults;
    }

    public void setHost(Host h) {
        host = h;
    }

    public void setPaced(boolean p) {
        paced = p;
    }

    public boolean paced() {
        return paced;
    }

    public int baud() {
        return baud;
    }

    public void setBaud(int b) {
        baud = b;
    }

    /** Called after every chunk handed to the host (for the cable-pull-after-N-bytes fault). */
    void onSent(Runnable r) {
        onSent = r;
    }

    public synchronized long sentBytes() {
        return sent;
    }

    // ---- receive side --------------------------------------------------------------------

    /** Bytes from the host; when paced they become readable one byte time apart, as on the wire. */
    public void hostBytes(byte[] data, int off, int len) {
        byte[] got = faults.corrupt(data, off, len);
        synchronized (rx) {
            long now = System.nanoTime();
            long perByte = 10_000_000_000L / baud;
            rxNextDue = Math.max(rxNextDue, now);
            for (byte b : got) {
                rx.add(b);
                if (paced) {
                    rxNextDue += perByte;
                    rxDue.add(rxNextDue);
                } else {
                    rxDue.add(now);
                }
            }
            rx.notifyAll();
        }
    }

    /** The next received byte, or -1 after {@code timeoutMs} (0 = just look). */
    public int read(long timeoutMs) {
        return next(timeoutMs, true);
    }

    /** The next received byte without taking it, or -1 after {@code timeoutMs}. */
    public int peek(long timeoutMs) {
        return next(timeoutMs, false);
    }

    private int next(long timeoutMs, boolean take) {
        if (Thread.currentThread().isInterrupted()) {
            throw new PowerLost();
        }
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        synchronized (rx) {
            while (true) {
                long now = System.nanoTime();
                if (!rx.isEmpty() && rxDue.peek() <= now) {
                    if (!take) {
                        return rx.peek() & 0xff;
                    }
                    rxDue.poll();
                    return rx.poll() & 0xff;
                }
                long wake = rx.isEmpty() ? end : Math.min(end, rxDue.peek());
                long left = wake - now;
                if (left <= 0 && now >= end) {
                    return -1;
                }
                try {
                    long ms = Math.max(0, left / 1_000_000L);
                    rx.wait(ms, ms == 0 ? (int) Math.max(1, Math.min(999_999, left)) : 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PowerLost();
                }
            }
        }
    }

    public boolean hasInput() {
        synchronized (rx) {
            return !rx.isEmpty() && rxDue.peek() <= System.nanoTime();
        }
    }

    public void clearInput() {
        synchronized (rx) {
            rx.clear();
            rxDue.clear();
        }
    }

    // ---- transmit side -------------------------------------------------------------------

    public void write(byte[] data) {
        if (Thread.currentThread().isInterrupted()) {
            throw new PowerLost();
        }
        byte[] out = faults.corrupt(data, 0, data.length);
        if (!paced) {
            Host h = host;
            if (h != null && out.length > 0) {
                h.deliver(out, 0, out.length);
            }
            countSent(out.length);
            return;
        }
        startSender();
        synchronized (tx) {
            for (byte b : out) {
                while (tx.size() >= TX_FIFO) {
                    try {
                        tx.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PowerLost();
                    }
                }
                tx.add(b);
                tx.notifyAll();
            }
        }
    }

    /** Drops what is still waiting in the transmit FIFO (power off). */
    public void clearOutput() {
        synchronized (tx) {
            tx.clear();
            tx.notifyAll();
        }
    }

    private synchronized void countSent(int n) {
        sent += n;
        if (onSent != null) {
            onSent.run();
        }
    }

    private synchronized void startSender() {
        if (sender == null) {
            Thread t = new Thread(this::sendLoop, "sim-uart-tx");
            t.setDaemon(true);
            sender = t;
            t.start();
        }
    }

    private void sendLoop() {
        byte[] chunk = new byte[512];
        while (true) {
            int n = 0;
            synchronized (tx) {
                boolean wasIdle = false;
                while (tx.isEmpty()) {
                    wasIdle = true;
                    try {
                        tx.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                long now = System.nanoTime();
                long perByte = 10_000_000_000L / baud;
                if (wasIdle && nextDue < now) {
                    nextDue = now; // the line was idle: the schedule starts afresh
                }
                while (!tx.isEmpty() && nextDue <= now && n < chunk.length) {
                    chunk[n++] = tx.poll();
                    nextDue += perByte;
                }
                tx.notifyAll();
            }
            if (n > 0) {
                Host h = host;
                if (h != null) {
                    h.deliver(chunk, 0, n);
                }
                countSent(n);
            }
            long wait = nextDue - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.max(wait, 200_000L));
            }
        }
    }
}
