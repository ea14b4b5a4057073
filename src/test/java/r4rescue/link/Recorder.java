package r4rescue.link;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A listener that keeps every byte and state change, for tests. */
final class Recorder implements LinkListener {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<String> states = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void onBytes(byte[] data, int offset, int length) {
        bytes.write(data, offset, length);
    }

    @Override
    public void onState(LinkState state, String detail) {
        states.add(state + (detail == null ? "" : " " + detail));
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    synchronized int size() {
        return bytes.size();
    }

    boolean saw(LinkState s) {
        return states.stream().anyMatch(x -> x.startsWith(s.name()));
    }

    static boolean await(BooleanSupplier cond, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
