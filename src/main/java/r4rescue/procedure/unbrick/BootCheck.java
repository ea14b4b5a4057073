package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.time.Duration;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.console.bootlog.BootEvent;
import r4rescue.console.bootlog.Stage;
import r4rescue.procedure.steps.BootWatch;
import r4rescue.procedure.steps.Cancellation;
import r4rescue.procedure.steps.StepListener;
import r4rescue.protocol.uboot.UBootSession;

/**
 * Confirms from BL2's own words which medium the board booted from ({@code (mt7988-sdmmc-comb)},
 * {@code spim-nand-ubi-comb}, read by the boot-log observer), and says what it saw when it is not
 * the expected one.
 */
public final class BootCheck {

    /** The board did not boot as expected; the message says what it saw and what to check. */
    public static final class WrongBoot extends IOException {
        private final transient BootWatch.Seen seen;

        WrongBoot(String message, BootWatch.Seen seen) {
            super(message);
            this.seen = seen;
        }

        public BootWatch.Seen seen() {
            return seen;
        }
    }

    public static final String SD = "SD";
    public static final String NAND = "SPI-NAND";
    public static final String EMMC = "EMMC";
    private static final long BOOT_TIMEOUT_MS = 180_000;

    private BootCheck() {
    }

    /**
     * Waits for the next boot (the user power-cycles), requires BL2 to name the SD card, then
     * stops U-Boot at its prompt. The session is the caller's to close.
     */
    public static UBootSession sdBootToPrompt(BoardProfile board, Console console, BootWatch watch, StepListener l, Cancellation cancel)
            throws IOException, InterruptedException {
        BootWatch.Seen seen = awaitDevice(watch, l, cancel, "Waiting for the board to boot from the SD card.");
        if (!seen.from(SD)) {
            throw new WrongBoot(notFrom(SD, seen)
                    + " Check: " + board.dipSetting(Medium.SD) + " — the silkscreen can be misread; the card pushed in until it clicks;"
                    + " the card written with the sdcard image (not the sysupgrade file).", seen);
        }
        l.say("BL2 says it booted from the SD card. Stopping U-Boot at its prompt…");
        UBootSession s = UBootSession.takeHold(console, Duration.ofSeconds(60), e -> l.say(e.message()));
        l.say("U-Boot from the SD card is waiting at its prompt '" + s.prompt().strip() + "'.");
        return s;
    }

    /**
     * Waits for the next boot, requires BL2 to name {@code medium} (the SPI-NAND or the eMMC just
     * repaired) and the boot to reach U-Boot or Linux.
     */
    public static BootWatch.Seen bootFrom(BoardProfile board, Medium medium, BootWatch watch, StepListener l, Cancellation cancel)
            throws IOException, InterruptedException {
        String device = medium == Medium.EMMC ? EMMC : NAND;
        String label = medium == Medium.EMMC ? "the eMMC" : "the NAND";
        BootWatch.Seen seen = awaitDevice(watch, l, cancel, "Waiting for the board to boot from " + label + ".");
        if (!seen.from(device)) {
            throw new WrongBoot(notFrom(device, label, seen) + " Check " + board.dipSetting(medium)
                    + "; take the SD card out if in doubt.", seen);
        }
        l.say("BL2 says it booted from " + medium.label() + "; waiting for U-Boot and Linux…");
        String safe = "The board is booting from " + label + "; nothing is being written.";
        BootEvent reached = watch.await(e -> e.kind() == BootEvent.Kind.FAILURE
                || (e.stage() != null && !e.stage().isBefore(Stage.UBOOT)), BOOT_TIMEOUT_MS, cancel, safe);
        seen = watch.seen();
        if (reached == null || reached.kind() == BootEvent.Kind.FAILURE) {
            throw new WrongBoot("BL2 started from " + label + ", but the boot stopped"
                    + (seen.failure() != null && seen.failure().finding() != null ? ": " + seen.failure().finding().summary() : " in " + seen.stage())
                    + ". Last line: " + seen.lastText(), seen);
        }
        return seen;
    }

    private static BootWatch.Seen awaitDevice(BootWatch watch, StepListener l, Cancellation cancel, String what)
            throws InterruptedException, WrongBoot {
        watch.mark();
        l.say(what + " Power the board off and on now.");
        String safe = "Only listening: nothing was sent to the board.";
        BootEvent e = watch.await(ev -> (ev.kind() == BootEvent.Kind.BOOT_DEVICE && ev.stage() == Stage.BL2)
                || ev.kind() == BootEvent.Kind.FAILURE || ev.kind() == BootEvent.Kind.RESET_LOOP, BOOT_TIMEOUT_MS, cancel, safe);
        BootWatch.Seen seen = watch.seen();
        if (e == null) {
            throw new WrongBoot(seen.stage() == Stage.NONE
                    ? "Nothing came from the board within " + BOOT_TIMEOUT_MS / 1000 + " s. Check the power and the serial wiring (board TX to adapter RX)."
                    : "The board printed text but BL2 never said where it booted from (last line: " + seen.lastText() + ").", seen);
        }
        return seen;
    }

    private static String notFrom(String wanted, BootWatch.Seen seen) {
        return notFrom(wanted, wanted.equals(SD) ? "the SD card" : "the NAND", seen);
    }

    private static String notFrom(String wanted, String label, BootWatch.Seen seen) {
        if (seen.failure() != null && seen.failure().finding() != null) {
            return "The boot stopped: " + seen.failure().finding().summary() + " (\"" + seen.failure().text() + "\""
                    + (seen.bootDevice() != null ? "; the Boot ROM's trace points at " + seen.bootDevice() : "") + ").";
        }
        if (seen.bootDevice() != null) {
            return "The board booted from " + seen.bootDevice() + ", not from " + label + ".";
        }
        return "BL2 did not say it came from " + label + " (last line: " + seen.lastText() + ").";
    }
}
