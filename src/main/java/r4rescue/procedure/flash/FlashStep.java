package r4rescue.procedure.flash;

/** The steps of a flash, in order. */
public enum FlashStep {
    VALIDATE("Check the file"),
    FIND_LAYOUT("Find where it goes on this board"),
    LOAD("Send the image to RAM"),
    CHECK_LOAD("Compare the CRC in RAM"),
    ERASE("Erase"),
    WRITE("Write"),
    READ_BACK("Read back"),
    VERIFY("Compare what was read back"),
    REPORT("Report");

    private final String label;

    FlashStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
