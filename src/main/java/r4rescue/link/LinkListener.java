package r4rescue.link;

/** Receives what a {@link Link} reads, on the link's own reader thread. */
public interface LinkListener {

    /** Bytes arrived; the array is only valid during the call. */
    void onBytes(byte[] data, int offset, int length);

    /** The link changed state; {@code detail} says why in words a user understands (may be null). */
    default void onState(LinkState state, String detail) {
    }
}
