package r4rescue.protocol.uboot;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import r4rescue.board.BoardProfile;
import r4rescue.protocol.ymodem.YmodemProgress;

/**
 * How to load a file to RAM: the address (null: the env's {@code loadaddr}, else
 * {@code fallbackAddress}, the board profile's load address), an optional faster rate for the transfer (0: stay), progress, and
 * {@code cancelled}, asked after every block: once true the transfer ends with CAN CAN.
 */
public record LoadOptions(Long address, long fallbackAddress, int fastBaud, Duration startTimeout, Consumer<YmodemProgress> progress,
                          BooleanSupplier cancelled) {

    public static LoadOptions defaults(BoardProfile board) {
        return new LoadOptions(null, board.loadAddress(), 0, Duration.ofSeconds(30), p -> { }, () -> false);
    }

    /** Loads to {@code addr}, whatever the env says. */
    public static LoadOptions at(long addr) {
        return new LoadOptions(addr, addr, 0, Duration.ofSeconds(30), p -> { }, () -> false);
    }

    public LoadOptions withAddress(Long a) {
        return new LoadOptions(a, fallbackAddress, fastBaud, startTimeout, progress, cancelled);
    }

    public LoadOptions withFastBaud(int b) {
        return new LoadOptions(address, fallbackAddress, b, startTimeout, progress, cancelled);
    }

    public LoadOptions withCancel(BooleanSupplier c) {
        return new LoadOptions(address, fallbackAddress, fastBaud, startTimeout, progress, c);
    }

    public LoadOptions withProgress(Consumer<YmodemProgress> p) {
        return new LoadOptions(address, fallbackAddress, fastBaud, startTimeout, p, cancelled);
    }
}
