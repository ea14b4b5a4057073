package r4rescue.protocol.shell;

/** Where a console file transfer stands: bytes done of total, the rate so far and the time left. */
public record TransferProgress(String file, long done, long total, double bytesPerSecond, long secondsLeft) {

    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }
}
