package r4rescue.console;

/** Handle of a {@link Console#subscribe} registration. */
public interface Subscription extends AutoCloseable {

    /** Stops delivery after what is already queued has been handed over. */
    @Override
    void close();

    /** Bytes received but not yet handed to the sink (a measure of lag). */
    long pendingBytes();
}
