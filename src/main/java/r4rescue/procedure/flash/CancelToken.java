package r4rescue.procedure.flash;

/**
 * Asks a running procedure to stop. Before the erase it stops at once (during the transfer it
 * cancels YMODEM with CAN CAN) and the flash is untouched. Once the erase has begun, stopping would
 * leave the board without a bootloader, so the procedure finishes writing and verifying and then
 * reports that the cancel came too late.
 */
public final class CancelToken {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }
}
