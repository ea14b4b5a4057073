package r4rescue.sim;

/** Thrown inside the board's CPU thread when the power goes: unwinds whatever firmware was running. */
public final class PowerLost extends RuntimeException {
    public PowerLost() {
        super("power lost", null, false, false);
    }
}
