package r4rescue.testbed;

import java.io.IOException;
import java.util.Random;

import r4rescue.link.Link;
import r4rescue.link.LinkListener;

/** Wraps a link and corrupts the line both ways: each byte flipped with {@code flip}, lost with {@code drop}. */
public final class NoisyLink extends DelegatingLink {

    private final double flip;
    private final double drop;
    private final Random random;
    private volatile long flipped;
    private volatile long dropped;

    public NoisyLink(Link inner, double flip, double drop, long seed) {
        super(inner);
        this.flip = flip;
        this.drop = drop;
        this.random = new Random(seed);
    }

    private synchronized byte[] spoil(byte[] data, int off, int len) {
        byte[] out = new byte[len];
        int n = 0;
        for (int i = off; i < off + len; i++) {
            if (random.nextDouble() < drop) {
                dropped++;
                continue;
            }
            byte b = data[i];
            if (random.nextDouble() < flip) {
                b ^= (byte) (1 << random.nextInt(8));
                flipped++;
            }
            out[n++] = b;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    public long flipped() {
        return flipped;
    }

    public long dropped() {
        return dropped;
    }

    @Override
    public String describe() {
        return "noisy " + inner.describe();
    }

    @Override
    protected void received(LinkListener to, byte[] data, int offset, int length) {
        byte[] b = spoil(data, offset, length);
        to.onBytes(b, 0, b.length);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        byte[] b = spoil(data, offset, length);
        inner.write(b, 0, b.length);
    }
}
