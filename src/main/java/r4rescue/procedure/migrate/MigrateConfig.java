package r4rescue.procedure.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The migration's board facts (device, excludes, labels, sizes), from {@code migrate.json}. */
public record MigrateConfig(String source, String device, String mountPoint, List<String> tarExcludes, String tarExcludesNote,
        List<String> emptyMountPoints, String singleLabel, List<String> abLabels, int abRootMiB, int minDataMiB,
        double rootHeadroom, String bootargsVariable, String savedBootargsVariable, String linuxPartitionType, Extroot extroot) {

    /** OpenWrt's extroot (overlay on the SSD), as its documentation gives it: packages and steps ({partition} filled in). */
    public record Extroot(String source, List<String> packages, String packagesNote, List<String> steps) {
    }

    public static MigrateConfig load() {
        try (InputStream in = MigrateConfig.class.getResourceAsStream("/r4rescue/procedure/migrate.json")) {
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(in, MigrateConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /dev/nvme0n1} + 1 → {@code /dev/nvme0n1p1}; {@code /dev/sda} + 1 → {@code /dev/sda1}. */
    public static String partition(String device, int n) {
        return Character.isDigit(device.charAt(device.length() - 1)) ? device + "p" + n : device + n;
    }
}
