package r4rescue.sim.linux;

import r4rescue.sim.state.Disk;
import r4rescue.sim.state.Partition;

/** Linux names of the NVMe SSD and its partitions: /dev/nvme0n1, /dev/nvme0n1pN (major 259). */
final class NvmeNames {

    private NvmeNames() {
    }

    /** The partition a device path such as {@code /dev/nvme0n1p2} names, or null. */
    static Partition partition(Disk d, String dev) {
        if (d == null || !d.present || dev == null || !dev.startsWith("/dev/nvme0n1p")) {
            return null;
        }
        try {
            return d.partition(Integer.parseInt(dev.substring("/dev/nvme0n1p".length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
