package r4rescue.sim.state;

import r4rescue.sim.Sparse;

/** One UBI volume: static volumes remember how many bytes were written. */
public final class UbiVolume {
    public String name;
    public boolean isStatic;
    public long size;
    public long dataSize;
    public Sparse data;

    public UbiVolume() {
    }

    public UbiVolume(String name, long size, boolean isStatic) {
        this.name = name;
        this.size = size;
        this.isStatic = isStatic;
        this.data = new Sparse(size, 0xff);
        this.dataSize = isStatic ? 0 : size;
    }
}
