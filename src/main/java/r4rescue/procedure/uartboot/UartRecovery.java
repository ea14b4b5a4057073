package r4rescue.procedure.uartboot;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.strategy.BoardStrategy;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.procedure.unbrick.BootloaderFlasher;
import r4rescue.procedure.unbrick.MenuInstall;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Texts;

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

    private final Console console;
    private final UartBoot.Listener listener;
    private final Procedure p;

    /** @param p the procedure every step reports to: the serial boot, the flash and the boot from the NAND */
    public UartRecovery(BoardProfile board, Console console, UartBoot.Listener listener, Procedure p) {
        this.board = board;
        this.console = console;
        this.listener = listener;
        this.p = p;
    }

    /**
     * @param confirm asked once U-Boot waits at its prompt; false stops there with nothing written
     * @return null if the user did not confirm
     */
    public Outcome run(byte[] ramBl2, byte[] fip, BootloaderFlasher.Image nandBl2, UartBoot.Options options,
                       BooleanSupplier confirm) throws IOException, Stopped {
        String refusal = UartBootFiles.nandBl2Refusal(board, nandBl2.data());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        UartBoot.Result r = new UartBoot(board, console, listener, p).run(ramBl2, fip, options);
        List<MenuInstall.Check> checks;
        try (UBootSession s = r.session()) {
            if (!confirm.getAsBoolean()) {
                p.info(Texts.t("proc.uartrecovery.notConfirmedNothingWas"));
                return null;
            }
            checks = new BootloaderFlasher(board).flash(s, p, Medium.SNAND, nandBl2, new BootloaderFlasher.Image("fip", fip));
        }
        p.info(Texts.t("proc.uartrecovery.bl2AndFIPAre"));
        try (BootLogWatch watch = new BootLogWatch(console)) {
            BootLogWatch.Seen seen = new BoardStrategy(board, console, watch, null, listener::powerCycleNow).bootFrom(Medium.SNAND, p);
            p.info(Texts.t("proc.uartrecovery.theBoardBootsFrom"));
            return new Outcome(r, checks, seen);
        }
    }
}
