package r4rescue.procedure.uartboot;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.steps.Cancellation;
import r4rescue.procedure.strategy.BoardStrategy;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.procedure.unbrick.BootloaderFlasher;
import r4rescue.procedure.unbrick.MenuInstall;
import r4rescue.protocol.uboot.UBootSession;

/**
 * The whole recovery of a board that only has its serial line: {@link UartBoot} to the RAM-booted
 * U-Boot's prompt, then (once the user confirms) BL2 and FIP written to the SPI-NAND with the
 * verified route, then a power cycle that must boot from the NAND.
 */
public final class UartRecovery {

    private final BoardProfile board;

    /** Every read-back comparison of the write, and what the boot from NAND showed. */
    public record Outcome(UartBoot.Result uartBoot, List<MenuInstall.Check> checks, BootLogWatch.Seen nandBoot) {
    }

    /** The flash runtime's events, told in this procedure's listener style. */
    private void event(Event e) {
        switch (e.kind()) {
            case COMMAND -> listener.command(e.message());
            case PROGRESS -> listener.progress(e.progress());
            default -> {
                if (e.message() != null && !e.message().isEmpty()) {
                    listener.say(e.message());
                }
            }
        }
    }

    private final Console console;
    private final UartBoot.Listener listener;
    private final Cancellation cancel;

    public UartRecovery(BoardProfile board, Console console, UartBoot.Listener listener, Cancellation cancel) {
        this.board = board;
        this.console = console;
        this.listener = listener;
        this.cancel = cancel;
    }

    /**
     * @param confirm asked once U-Boot waits at its prompt; false stops there with nothing written
     * @return null if the user did not confirm
     */
    public Outcome run(byte[] ramBl2, byte[] fip, BootloaderFlasher.Image nandBl2, UartBoot.Options options,
                       BooleanSupplier confirm) throws IOException, InterruptedException {
        String refusal = UartBootFiles.nandBl2Refusal(board, nandBl2.data());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        UartBoot.Result r = new UartBoot(board, console, listener, cancel).run(ramBl2, fip, options);
        Cancel request = new Cancel();
        cancel.whenCancelled(request::request);
        Procedure p = new Procedure(this::event, request);
        try {
            List<MenuInstall.Check> checks;
            try (UBootSession s = r.session()) {
                if (!confirm.getAsBoolean()) {
                    listener.say("Not confirmed: nothing was written. The board waits at U-Boot's prompt (running from RAM).");
                    return null;
                }
                checks = new BootloaderFlasher(board).flash(s, p, Medium.SNAND, nandBl2, new BootloaderFlasher.Image("fip", fip));
            }
            listener.say("BL2 and FIP are written to the NAND and read back equal.");
            try (BootLogWatch watch = new BootLogWatch(console)) {
                BootLogWatch.Seen seen = new BoardStrategy(board, console, watch, null, listener::powerCycleNow).bootFrom(Medium.SNAND, p);
                listener.say("The board boots from the NAND, verified.");
                return new Outcome(r, checks, seen);
            }
        } catch (Stopped e) {
            throw new IOException(e.getMessage() + " Board: " + e.state().words(), e);
        }
    }
}
