package r4rescue.protocol.uboot;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import r4rescue.protocol.ymodem.YmodemProgress;

/**
 * How to load a file to RAM: the address (null: the env's {@code loadaddr}, else
 * {@link #DEFAULT_MT7988_ADDR}), an optional faster rate for the transfer (0: stay), progress, and
 * {@code cancelled}, asked after every block: once true the transfer ends with CAN CAN.
 */
public record LoadOptions(Long address, int fastBaud, Duration startTimeout, Consumer<YmodemProgress> progress,
                          BooleanSupplier cancelled) {

    /** MT7988's {@code loadaddr} in OpenWrt's U-Boot (facts §6). */
    public static final long DEFAULT_MT7988_ADDR = 0x50000000L;

    public static LoadOptions defaults() {
        return new LoadOptions(null, 0, Duration.ofSeconds(30), p -> { }, () -> false);
    }

    public LoadOptions withAddress(Long a) {
        return new LoadOptions(a, fastBaud, startTimeout, progress, cancelled);
    }

    public LoadOptions withFastBaud(int b) {
        return new LoadOptions(address, b, startTimeout, progress, cancelled);
    }

    public LoadOptions withCancel(BooleanSupplier c) {
        return new LoadOptions(address, fastBaud, startTimeout, progress, c);
    }

    public LoadOptions withProgress(Consumer<YmodemProgress> p) {
        return new LoadOptions(address, fastBaud, startTimeout, p, cancelled);
    }
}
