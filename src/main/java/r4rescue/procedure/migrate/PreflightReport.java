package r4rescue.procedure.migrate;

import java.util.List;

/**
 * What the preflight found. {@code partitions} are the device's partitions from /proc/partitions,
 * {@code filesystems} the blkid lines for the device and its partitions, {@code mounted} the
 * /proc/mounts lines that use it.
 */
public record PreflightReport(String device, long deviceBytes, List<String> partitions, List<String> filesystems,
        List<String> mounted, long rootUsedBytes, String bootloader, boolean fwEnv, String cmdline, String lsblk) {

    /** Anything on the SSD that a new partition table would destroy. */
    public boolean hasData() {
        return !partitions.isEmpty() || !filesystems.isEmpty();
    }

    public String dataSummary() {
        if (!hasData()) {
            return device + " is empty (no partitions, no filesystem)";
        }
        return device + " holds " + partitions.size() + " partition(s)"
                + (filesystems.isEmpty() ? "" : "; " + String.join("; ", filesystems));
    }
}
