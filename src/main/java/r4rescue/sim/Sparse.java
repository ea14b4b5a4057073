package r4rescue.sim;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A large byte region stored sparsely in 64 KiB chunks: chunks never written read as the fill
 * byte (0xFF for erased NAND, 0 for disks and RAM), so an 8 GiB eMMC costs nothing until used.
 * Serialises to JSON as its size, fill byte and the written chunks (base64).
 */
public final class Sparse {

    public static final int CHUNK = 65536;

    private final long size;
    private final byte fill;
    private final TreeMap<Long, byte[]> chunks = new TreeMap<>();

    public Sparse(long size, int fill) {
        this.size = size;
        this.fill = (byte) fill;
    }

    @JsonCreator
    Sparse(@JsonProperty("size") long size, @JsonProperty("fill") int fill,
           @JsonProperty("chunks") Map<Long, byte[]> chunks) {
        this(size, fill);
        if (chunks != null) {
            this.chunks.putAll(chunks);
        }
    }

    @JsonProperty
    public long size() {
        return size;
    }

    @JsonProperty
    public int fill() {
        return fill & 0xff;
    }

    @JsonProperty("chunks")
    synchronized Map<Long, byte[]> chunks() {
        return new TreeMap<>(chunks);
    }

    public synchronized void read(long off, byte[] dst, int dOff, int len) {
        check(off, len);
        while (len > 0) {
            long idx = off / CHUNK;
            int in = (int) (off % CHUNK);
            int n = Math.min(len, CHUNK - in);
            byte[] c = chunks.get(idx);
            if (c == null) {
                Arrays.fill(dst, dOff, dOff + n, fill);
            } else {
                System.arraycopy(c, in, dst, dOff, n);
            }
            off += n;
            dOff += n;
            len -= n;
        }
    }

    public byte[] read(long off, int len) {
        byte[] b = new byte[len];
        read(off, b, 0, len);
        return b;
    }

    public synchronized void write(long off, byte[] src, int sOff, int len) {
        check(off, len);
        while (len > 0) {
            long idx = off / CHUNK;
            int in = (int) (off % CHUNK);
            int n = Math.min(len, CHUNK - in);
            byte[] c = chunks.get(idx);
            if (c == null && !allFill(src, sOff, n)) {
                c = new byte[CHUNK];
                Arrays.fill(c, fill);
                chunks.put(idx, c);
            }
            if (c != null) {
                System.arraycopy(src, sOff, c, in, n);
                if (allFill(c, 0, CHUNK)) {
                    chunks.remove(idx);
                }
            }
            off += n;
            sOff += n;
            len -= n;
        }
    }

    public void write(long off, byte[] src) {
        write(off, src, 0, src.length);
    }

    /** Sets {@code len} bytes to {@code value} (an erase when it is the fill byte). */
    public synchronized void set(long off, long len, int value) {
        check(off, len);
        byte v = (byte) value;
        if (v == fill) {
            long end = off + len;
            while (off < end) {
                long idx = off / CHUNK;
                int in = (int) (off % CHUNK);
                int n = (int) Math.min(end - off, CHUNK - in);
                if (in == 0 && n == CHUNK) {
                    chunks.remove(idx);
                } else {
                    byte[] c = chunks.get(idx);
                    if (c != null) {
                        Arrays.fill(c, in, in + n, v);
                    }
                }
                off += n;
            }
            return;
        }
        byte[] buf = new byte[CHUNK];
        Arrays.fill(buf, v);
        while (len > 0) {
            int n = (int) Math.min(len, CHUNK);
            write(off, buf, 0, n);
            off += n;
            len -= n;
        }
    }

    /** Copies {@code len} bytes from {@code src} at {@code srcOff} to this region at {@code off}. */
    public void copyFrom(Sparse src, long srcOff, long off, long len) {
        byte[] buf = new byte[CHUNK];
        while (len > 0) {
            int n = (int) Math.min(len, CHUNK);
            src.read(srcOff, buf, 0, n);
            write(off, buf, 0, n);
            srcOff += n;
            off += n;
            len -= n;
        }
    }

    /** True if no byte in the range was ever changed from the fill byte (cheap: chunk-level). */
    public synchronized boolean isBlank(long off, long len) {
        return chunks.subMap(off / CHUNK, true, (off + len - 1) / CHUNK, true).isEmpty();
    }

    @JsonIgnore
    public synchronized long usedBytes() {
        return (long) chunks.size() * CHUNK;
    }

    private void check(long off, long len) {
        if (off < 0 || len < 0 || off + len > size) {
            throw new IndexOutOfBoundsException(String.format("0x%x+0x%x outside 0x%x", off, len, size));
        }
    }

    private boolean allFill(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != fill) {
                return false;
            }
        }
        return true;
    }
}
