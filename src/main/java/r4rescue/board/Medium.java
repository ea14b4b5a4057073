package r4rescue.board;

/** Boot and storage media of the BPI-R4. */
public enum Medium {
    SNAND("SPI-NAND"),
    EMMC("eMMC"),
    SD("SD card"),
    NOR("SPI-NOR"),
    NONE("none");

    private final String label;

    Medium(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
