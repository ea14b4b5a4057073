package r4rescue.console.bootlog;

/** The links of the BPI-R4 boot chain, in boot order; NONE = nothing recognised yet. */
public enum Stage {
    NONE, BOOTROM, BL2, BL31, UBOOT, KERNEL, USERSPACE;

    public boolean isBefore(Stage other) {
        return ordinal() < other.ordinal();
    }
}
