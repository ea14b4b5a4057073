package r4rescue.sim.state;

import java.util.ArrayList;
import java.util.List;

import r4rescue.sim.Sparse;

/** The NVMe SSD: size, GPT partitions and their filesystems (contents kept as files, not blocks). */
public final class Disk {
    public boolean present = true;
    public String model = "Samsung SSD 980 500GB";
    public long size = 500107862016L;
    public String label;
    /**
     * How the kernel drives it: "builtin" (found before the root is mounted), "module" (stock OpenWrt
     * with kmod-nvme: loaded by init, too late for root=), "none" (no kmod-nvme: Linux never sees it).
     */
    public String driver = "builtin";
    public List<Partition> partitions = new ArrayList<>();
    /**
     * Bytes dd wrote to the whole device (a GPT written by hand), null until then. The kernel turns
     * them into {@link #partitions} only when it re-reads the table (the nvme module reloaded).
     */
    public Sparse raw;

    public Partition partition(int n) {
        for (Partition p : partitions) {
            if (p.number == n) {
                return p;
            }
        }
        return null;
    }
}
