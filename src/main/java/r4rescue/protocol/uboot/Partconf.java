package r4rescue.protocol.uboot;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An eMMC's PARTITION_CONFIG (EXT_CSD[179]) as U-Boot's {@code mmc partconf DEV} prints it
 * (cmd/mmc.c mmc_partconf_print: "EXT_CSD[179], PARTITION_CONFIG:" then "BOOT_ACK: 0x%x",
 * "BOOT_PARTITION_ENABLE: 0x%x", "PARTITION_ACCESS: 0x%x", one a line). BOOT_PARTITION_ENABLE
 * names the area the Boot ROM loads BL2 from: 1 = boot0, 2 = boot1, 7 = the user area, 0 = none.
 */
public record Partconf(int bootAck, int bootPartitionEnable, int partitionAccess) {

    /** BOOT_PARTITION_ENABLE for boot0, where OpenWrt's emmc_write_bl2 puts BL2. */
    public static final int BOOT0 = 1;

    private static final Pattern FIELDS = Pattern.compile(
            "BOOT_ACK: 0x(\\p{XDigit}+)\\s+BOOT_PARTITION_ENABLE: 0x(\\p{XDigit}+)\\s+PARTITION_ACCESS: 0x(\\p{XDigit}+)");

    /** The fields from the command's output; empty if it did not print them (an SD card, no eMMC). */
    public static Optional<Partconf> parse(String output) {
        Matcher m = FIELDS.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Partconf(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16)));
    }

    public boolean bootsFromBoot0() {
        return bootPartitionEnable == BOOT0;
    }
}
