package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.util.List;

import r4rescue.board.Medium;
import r4rescue.procedure.steps.Commands;

/**
 * Writes BL2 then FIP to the boot medium being repaired with the safe sequence: load to RAM, CRC
 * equal to the host's, only then erase, write, read back, CRC again. The wizard's flash step talks
 * to this; {@link ProcedureFlasher} plugs in the flash procedure ({@code r4rescue.procedure.flash}).
 */
public interface BootloaderFlasher {

    /** A file the user picked, already checked by the wizard. */
    record Image(String name, byte[] data) {
    }

    /** Flashes both and returns every read-back comparison (all equal, else it threw). */
    List<MenuInstall.Check> flash(Commands c, Medium target, Image bl2, Image fip) throws IOException;
}
