package r4rescue.procedure.flash;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The place on this board an image goes, as the board names it: the layout, how it is written,
 * the partition or volume name, its capacity, and for raw MTD the offsets of each copy.
 *
 * @param name       MTD partition, UBI volume or GPT partition as the board spells it (null for boot0)
 * @param container  the MTD partition holding a UBI volume, else null
 * @param capacity   bytes an image may have here
 * @param offsets    byte offsets of each copy inside a raw MTD partition; block 0 for MMC
 * @param writeUnit  the size writes are padded to (NAND page, MMC block; 1 for UBI and NOR)
 * @param startLba   first block for MMC targets
 * @param areaBlocks blocks erased for MMC targets
 */
public record FlashTarget(FlashLayouts.Layout layout, FlashLayouts.Placement placement, Role role, Method method,
                          String name, String container, long capacity, List<Long> offsets, long writeUnit,
                          long startLba, long areaBlocks) {

    public String describe() {
        return switch (method) {
            case MTD -> "MTD partition " + name;
            case MTD_COPIES -> "MTD partition " + name + ", " + offsets.size() + " copies at "
                    + offsets.stream().map(o -> "0x" + Long.toHexString(o)).collect(Collectors.joining(", "));
            case UBI_VOLUME -> "UBI volume " + name + " in MTD partition " + container;
            case MMC_BOOT0 -> "eMMC boot0 hardware partition (blocks 0x0-0x" + Long.toHexString(areaBlocks - 1) + ")";
            case MMC_GPT -> layout.medium().label() + " GPT partition " + name + " (LBA 0x" + Long.toHexString(startLba)
                    + ", " + areaBlocks + " blocks)";
        };
    }
}
