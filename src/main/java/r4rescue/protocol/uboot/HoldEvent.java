package r4rescue.protocol.uboot;

/** What taking hold of U-Boot is doing, for a progress line or log. */
public record HoldEvent(Kind kind, String message) {

    public enum Kind {
        /** Ask the user now: the driver is waiting for the board to start. */
        POWER_CYCLE_NOW,
        /** The board started talking. */
        OUTPUT_SEEN,
        /** "Hit any key to stop autoboot" seen. */
        AUTOBOOT_COUNTDOWN,
        /** A boot menu is on screen; the driver leaves it for the console. */
        BOOT_MENU,
        /** Keys are being sent to stop the boot. */
        BREAKING_IN,
        /** Done: the prompt is known. */
        PROMPT
    }
}
