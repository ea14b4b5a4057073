package r4rescue.link;

import java.io.IOException;
import java.util.Optional;

/**
 * A byte pipe to the board: a serial port, a TCP socket (ser2net) or the in-process simulator.
 * Received bytes are pushed to the listener given to {@link #open} on a thread the link owns;
 * the listener must return quickly (the console layer queues for slow consumers).
 */
public interface Link extends AutoCloseable {

    /** Human-readable name of what this link talks to, e.g. {@code /dev/ttyUSB0} or {@code tcp:host:2000}. */
    String describe();

    /** Opens the link and starts delivering bytes and state changes to {@code listener}. */
    void open(LinkListener listener) throws IOException;

    /** Writes all bytes or throws; never blocks forever on a dead peer. */
    void write(byte[] data, int offset, int length) throws IOException;

    default void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /** Current line rate in bits per second (informational for links that have none). */
    int baud();

    /** Changes the line rate (U-Boot's {@code loady ADDR BAUD} switch); links without one accept and ignore it. */
    void setBaud(int baud) throws IOException;

    /** Sends a serial break of about {@code millis} ms where the link has one; otherwise does nothing. */
    void sendBreak(int millis) throws IOException;

    boolean isOpen();

    /** The bench this link's board can be handled with (power, switches, SD card); empty for a real port. */
    default Optional<BenchControls> bench() {
        return Optional.empty();
    }

    /** The link a wrapper (a session recorder) passes bytes to, or this link: what a face may look at to know the adapter. */
    default Link unwrapped() {
        return this;
    }

    @Override
    void close();
}
