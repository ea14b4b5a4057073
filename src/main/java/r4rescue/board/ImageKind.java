package r4rescue.board;

/** Kinds of file a user may pick, told apart by their headers. */
public enum ImageKind {
    BL2("BL2 preloader"),
    FIP("FIP (BL31 + U-Boot)"),
    FIT("FIT image (.itb: OpenWrt sysupgrade, recovery or kernel)"),
    SDCARD_IMAGE("whole SD-card image"),
    GPT("partition table"),
    UBI("UBI image"),
    TAR("tar archive"),
    GZIP("gzip-compressed file"),
    XZ("xz-compressed file"),
    ZSTD("zstd-compressed file"),
    BZIP2("bzip2-compressed file"),
    EMPTY("empty file"),
    UNKNOWN("unrecognised file");

    private final String label;

    ImageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
