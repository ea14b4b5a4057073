package r4rescue.procedure.preflight;

/** What a pre-flight check found: one sentence of what it means, one of what to do. */
public enum Verdict {
    LOOPBACK_OK(true, "The adapter sends and receives correctly at 115200 and at 921600.",
            "Remove the TX-RX bridge and wire it to the board: adapter TX to board RX, RX to TX, GND to G."),
    LOOPBACK_DEAD(false, "Nothing came back through the TX-RX bridge: the adapter does not send or does not receive.",
            "Check the bridge sits on the adapter's TX and RX pins; if it does, the adapter (or its driver) is broken: use another one."),
    LOOPBACK_GARBLED(false, "Bytes came back changed at 115200: the adapter or its cable corrupts data, or the board is still wired to it.",
            "Unwire the board (only TX-RX bridged), then try a shorter cable or another adapter; a fake PL2303 or CP2102 clone behaves like this."),
    FAST_RATE_FAILS(false, "The adapter works at 115200 but not at 921600.",
            "The console works; for serial recovery (uartboot) use --no-fast, or an FTDI/CH340 adapter to be quick."),
    SILENCE(false, "The board sent nothing after power-on.",
            "Check that the adapter's RX goes to the board's TX, that GND is connected to G, and that the board has power (its LED)."),
    NOISE(false, "The board sent bytes that fit no baud rate.",
            "Use a 3.3 V TTL adapter (not 5 V, not an RS-232 cable), connect GND firmly, keep the wires short and away from the power supply."),
    WRONG_RATE(false, "The board sends text, but at another rate than the one chosen.",
            "Use -b 115200 (the BPI-R4's console rate) or the rate named here."),
    GOOD_TEXT(true, "The board's console is readable: ready.",
            "Go ahead: interrupt U-Boot, diagnose or rescue."),
    CLONE_SUSPECT(false, "This adapter chip is reported flaky on this board, and clones of it may not work at all.",
            "If the checks below fail, an FTDI FT232R/FT231X or a WCH CH340 adapter is the reliable choice."),
    LATENCY_HIGH(false, "The FTDI driver holds received bytes up to its latency_timer before passing them on.",
            "Set it to 1 ms: echo 1 | sudo tee /sys/bus/usb-serial/devices/ttyUSBn/latency_timer, or install the udev rule from packaging/."),
    MODEMMANAGER(false, "ModemManager is running and may send AT commands to this port when it appears, breaking a session.",
            "Install the udev rule from packaging/ (it sets ID_MM_DEVICE_IGNORE for these adapters), or: sudo systemctl stop ModemManager.");

    private final boolean good;
    private final String meaning;
    private final String action;

    Verdict(boolean good, String meaning, String action) {
        this.good = good;
        this.meaning = meaning;
        this.action = action;
    }

    /** True when nothing needs doing. */
    public boolean good() {
        return good;
    }

    public String meaning() {
        return meaning;
    }

    public String action() {
        return action;
    }
}
