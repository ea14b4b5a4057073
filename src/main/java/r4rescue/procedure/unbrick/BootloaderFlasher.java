package r4rescue.procedure.unbrick;

import java.util.ArrayList;
import java.util.List;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.flash.FlashImage;
import r4rescue.procedure.flash.FlashRefused;
import r4rescue.procedure.flash.FlashReport;
import r4rescue.procedure.flash.ImageCheck;
import r4rescue.procedure.flash.Role;
import r4rescue.procedure.flash.UBootFlash;
import r4rescue.protocol.uboot.UBootSession;

/**
 * The wizard's flash step: BL2 then FIP to the boot medium being repaired, each with the flash
 * procedure's safe sequence (load to RAM, CRC equal to the host's, only then erase, write, read
 * back, CRC again), on one {@link Procedure} so the board's state said at a stop covers both parts.
 */
public final class BootloaderFlasher {

    private final BoardProfile board;

    public BootloaderFlasher(BoardProfile board) {
        this.board = board;
    }

    /** A file the user picked, already checked by the wizard. */
    public record Image(String name, byte[] data) {
    }

    /**
     * Flashes both and returns every read-back comparison (all equal, else it threw).
     *
     * @throws FlashRefused a file is wrong for {@code target} (its content, or its name says another medium); nothing sent
     * @throws Stopped      a check failed, the board said no, or the user cancelled; its state says what the board holds
     */
    public List<MenuInstall.Check> flash(UBootSession session, Procedure p, Medium target, Image bl2, Image fip)
            throws Stopped {
        FlashImage b = checked(bl2, Role.BL2, target);
        FlashImage f = checked(fip, Role.FIP, target);
        p.state(BoardState.untouched("Nothing written yet: the " + target.label() + " is as it was."));
        List<MenuInstall.Check> checks = new ArrayList<>(flashOne(session, p, b, target));
        p.state(BoardState.verified("BL2 is written and verified; the FIP is as it was."));
        checks.addAll(flashOne(session, p, f, target));
        p.state(BoardState.verified("BL2 and FIP are written and verified."));
        return checks;
    }

    private FlashImage checked(Image img, Role role, Medium target) throws FlashRefused {
        ImageCheck check = new ImageCheck(board);
        String wrongName = check.nameContradicts(img.name(), role, target);
        if (wrongName != null) {
            throw new FlashRefused(wrongName + " Nothing was sent to the board.");
        }
        try {
            return check.check(img.name(), img.data(), role, target, false);
        } catch (FlashRefused e) {
            throw new FlashRefused(e.getMessage() + ". Nothing was sent to the board.");
        }
    }

    private List<MenuInstall.Check> flashOne(UBootSession session, Procedure p, FlashImage img, Medium target)
            throws Stopped {
        FlashReport r = new UBootFlash(session, board, img, p).run();
        List<MenuInstall.Check> checks = new ArrayList<>();
        long host = Long.parseLong(r.hostHash(), 16);
        for (FlashReport.CopyCheck k : r.copies()) {
            checks.add(new MenuInstall.Check(target.label() + " " + img.role().name() + " " + r.place()
                    + (r.copies().size() > 1 ? " copy at 0x" + Long.toHexString(k.offset()) : ""),
                    host, Long.parseLong(k.boardHash(), 16)));
        }
        return checks;
    }
}
