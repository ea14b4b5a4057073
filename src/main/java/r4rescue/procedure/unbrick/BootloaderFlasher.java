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
import r4rescue.util.Message;

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
        p.state(BoardState.untouched(Message.of("proc.blflasher.nothingWrittenYetThe", target.label())));
        List<MenuInstall.Check> checks = new ArrayList<>(flashOne(session, p, b, target));
        p.state(BoardState.verified(Message.of("proc.blflasher.bl2IsWrittenAnd")));
        checks.addAll(flashOne(session, p, f, target));
        p.state(BoardState.verified(Message.of("proc.blflasher.bl2AndFIPAre")));
        return checks;
    }

    private FlashImage checked(Image img, Role role, Medium target) throws FlashRefused {
        ImageCheck check = new ImageCheck(board);
        String wrongName = check.nameContradicts(img.name(), role, target);
        if (wrongName != null) {
            throw new FlashRefused(Message.of("proc.blflasher.nothingWasSentTo", wrongName));
        }
        try {
            return check.check(img.name(), img.data(), role, target, false);
        } catch (FlashRefused e) {
            throw new FlashRefused(Message.of("proc.blflasher.nothingWasSentTo2", e.getMessage()));
        }
    }

    private List<MenuInstall.Check> flashOne(UBootSession session, Procedure p, FlashImage img, Medium target)
            throws Stopped {
        FlashReport r = new UBootFlash(session, board, img, p).run();
        List<MenuInstall.Check> checks = new ArrayList<>();
        long host = Long.parseLong(r.hostHash(), 16);
        for (FlashReport.CopyCheck k : r.copies()) {
            String what = target.label() + " " + img.role().name() + " " + r.place();
            checks.add(new MenuInstall.Check(r.copies().size() > 1
                    ? Message.of("proc.blflasher.copyAt0x", what, Long.toHexString(k.offset())) : Stopped.said(what),
                    host, Long.parseLong(k.boardHash(), 16)));
        }
        return checks;
    }
}
