package r4rescue.procedure.migrate;

import java.util.List;
import r4rescue.util.Texts;

/**
 * What the preflight found. {@code partitions} are the device's partitions from /proc/partitions,
 * {@code filesystems} what is on it (blkid lines, or the signatures read with dd when the board has no
 * blkid), {@code mounted} the mounts that use it (by device number), {@code tools} the programs found,
 * {@code nvmeDriver} builtin, module or none, and {@code route} which way the migration can go and why.
 */
public record PreflightReport(String device, long deviceBytes, List<String> partitions, List<String> filesystems,
        List<String> mounted, long rootUsedBytes, String bootloader, boolean fwEnv, String cmdline, String lsblk,
        List<String> tools, String nvmeDriver, MigrationRoute route) {

    /** Anything on the SSD that a new partition table would destroy. */
    public boolean hasData() {
        return !partitions.isEmpty() || !filesystems.isEmpty();
    }

    public String dataSummary() {
        if (!hasData()) {
            return Texts.t("proc.nvme.isEmptyNoPartition", device);
        }
        return device + " holds " + partitions.size() + " partition(s)"
                + (filesystems.isEmpty() ? "" : "; " + String.join("; ", filesystems));
    }
}
