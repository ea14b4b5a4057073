package r4rescue.sim;

/** Thrown by firmware that resets the SoC (U-Boot {@code reset}, Linux {@code reboot}): boot starts again at the BROM. */
public final class Reset extends RuntimeException {
    public Reset() {
        super("reset", null, false, false);
    }
}
