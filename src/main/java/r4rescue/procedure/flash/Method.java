package r4rescue.procedure.flash;

/** How a layout keeps an image. */
public enum Method {
    /** One copy at the start of a raw MTD partition. */
    MTD,
    /** The same image at several offsets of one raw MTD partition (OpenWrt's four BL2 copies). */
    MTD_COPIES,
    /** A UBI volume inside an MTD partition, replaced whole with {@code ubi write}. */
    UBI_VOLUME,
    /** The eMMC boot0 hardware partition, reached with {@code mmc partconf}. */
    MMC_BOOT0,
    /** A named GPT partition of the MMC device. */
    MMC_GPT
}
