package r4rescue.protocol.ymodem;

/**
 * How far a transfer is: payload bytes acknowledged of {@code total}, the rate so far, the time
 * left at that rate, and how many blocks had to be sent again.
 */
public record YmodemProgress(long bytes, long total, long elapsedMillis, double bytesPerSecond,
                             double secondsLeft, int retransmits) {

    public double fraction() {
        return total == 0 ? 1.0 : (double) bytes / total;
    }
}
