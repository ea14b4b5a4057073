package r4rescue.sim.state;

import java.util.ArrayList;
import java.util.List;

import r4rescue.sim.Sparse;

/** An eMMC or SD card: user area with its GPT partitions, and for eMMC the boot0 area and PARTITION_CONFIG. */
public final class MmcDevice {
    public Sparse user;
    public Sparse boot0;
    /** EXT_CSD[179] fields. BOOT_PARTITION_ENABLE 1 = boot0, the BROM reads BL2 there. */
    public int bootAck = 1;
    public int bootPartitionEnable = 1;
    public int partitionAccess;
    public List<Partition> partitions = new ArrayList<>();

    public Partition partition(String name) {
        for (Partition p : partitions) {
            if (name.equals(p.name)) {
                return p;
            }
        }
        return null;
    }
}
