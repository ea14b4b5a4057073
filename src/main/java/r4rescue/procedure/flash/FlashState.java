package r4rescue.procedure.flash;

/** What the flash holds, as far as the program knows; each failure report says which. */
public enum FlashState {
    /** Nothing was erased or written: the board boots as before. */
    UNTOUCHED,
    /** An erase or write was started and did not finish and verify: the old image is gone. */
    DAMAGED,
    /** Written and read back identical to the file. */
    VERIFIED
}
