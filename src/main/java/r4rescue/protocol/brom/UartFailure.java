package r4rescue.protocol.brom;

/**
 * Every way recovery over the serial line can fail, each with the plain words the user gets: what
 * was seen, and what to do about it.
 */
public enum UartFailure {
    NO_ANSWER("Nothing came back from the board.",
            "Check that the adapter's RX goes to the board's TX, that GND is connected and that the board has power. "
                    + "The Boot ROM only listens for a moment after power-on: switch the board off and on again while this waits."),
    NOT_LISTENING("The board booted normally instead of answering: its Boot ROM was not listening.",
            "The Boot ROM listens only for a moment after power-on. Switch the board off and on again while this waits."),
    OWN_ECHO("Only our own bytes came back.",
            "The adapter's TX and RX are shorted together or on the wrong pins: connect adapter TX to board RX, "
                    + "adapter RX to board TX, and GND to G."),
    GARBAGE("Only garbage came back.",
            "The adapter is on the wrong voltage (the BPI-R4 needs 3.3 V TTL) or it is faulty. Try another 3.3 V adapter "
                    + "(FTDI or CH340)."),
    FAST_RATE_FAILED("The fast rate failed: the adapter or the board did not answer at it.",
            "This adapter cannot do that rate. The program goes on at 115200 baud, which is slower but works."),
    BL2_REFUSED("The Boot ROM refused the BL2.",
            "This is not a RAM BL2 for the MT7988, or it is made for the other DDR size (4 GB vs 8 GB boards). "
                    + "Use OpenWrt's mt7988-ram-comb-bl2.bin (or the one for your board's DDR)."),
    BL2_FAILED("BL2 started but did not offer the FIP download.",
            "The RAM BL2 was built without UART download (RAM_BOOT_UART_DL) or for the other DDR size (4 GB vs 8 GB). "
                    + "Use OpenWrt's mt7988-ram-comb-bl2.bin."),
    SECURE_BOOT("Secure boot (or serial-link/download-agent authorisation) is on in this board's fuses.",
            "Recovery over the serial line is not possible on this board: the Boot ROM accepts only signed code."),
    DAMAGED("The data was damaged on the line (the checksums differ).",
            "Nothing was started. Switch the board off and on again to retry; if it happens again, use a shorter cable "
                    + "or another adapter."),
    PROTOCOL("The board answered something unexpected.",
            "Switch the board off and on again to retry.");

    private final String what;
    private final String fix;

    UartFailure(String what, String fix) {
        this.what = what;
        this.fix = fix;
    }

    public String what() {
        return what;
    }

    public String fix() {
        return fix;
    }
}
