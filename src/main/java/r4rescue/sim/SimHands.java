package r4rescue.sim;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hands a simulated board lacks, for a face asked to tell the user "switch the board off and
 * on now" (serial-line recovery): they do it, unless the Boot ROM answered the handshake by itself
 * (a board switched on when the link opened is still in its listening window).
 */
public final class SimHands {

    private SimHands() {
    }

    /** Call when the user is asked; the power cycle follows shortly after the listening window. */
    public static void powerCycleUnlessDownloading(SimBoard board) {
        AtomicBoolean downloading = new AtomicBoolean();
        board.addEventListener(e -> downloading.compareAndSet(false, e.equals("brom-download")));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(board.bromWindowFloorMs() + 200);
            } catch (InterruptedException e) {
                return;
            }
            if (!downloading.get()) {
                board.powerCycle();
            }
        }, "sim-hands");
        t.setDaemon(true);
        t.start();
    }
}
