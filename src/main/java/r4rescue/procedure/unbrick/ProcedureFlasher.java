package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import r4rescue.board.Medium;
import r4rescue.procedure.flash.FlashEvent;
import r4rescue.procedure.flash.FlashException;
import r4rescue.procedure.flash.FlashImage;
import r4rescue.procedure.flash.FlashRefused;
import r4rescue.procedure.flash.FlashReport;
import r4rescue.procedure.flash.ImageCheck;
import r4rescue.procedure.flash.Role;
import r4rescue.procedure.flash.UBootFlash;
import r4rescue.procedure.steps.CancelledException;
import r4rescue.procedure.steps.Commands;
import r4rescue.protocol.CancellationToken;
import r4rescue.protocol.uboot.UBootException;

/**
 * The wizard's flash step on the flash procedure ({@link UBootFlash}): BL2 then FIP, each checked
 * for this medium, loaded, CRC-compared, erased, written, read back and compared; its events become
 * the step's commands, sentences and progress.
 */
public final class ProcedureFlasher implements BootloaderFlasher {

    @Override
    public List<MenuInstall.Check> flash(Commands c, Medium target, Image bl2, Image fip) throws IOException {
        ImageCheck check = new ImageCheck();
        FlashImage b;
        FlashImage f;
        try {
            b = check.check(bl2.name(), bl2.data(), Role.BL2, target, false);
            f = check.check(fip.name(), fip.data(), Role.FIP, target, false);
        } catch (FlashRefused e) {
            throw new UBootException(e.getMessage() + ". Nothing was sent to the board.");
        }
        List<MenuInstall.Check> checks = new ArrayList<>();
        c.safeState("Nothing written yet: the " + target.label() + " is as it was.");
        checks.addAll(flashOne(c, b, target));
        c.safeState("BL2 is written and verified; the FIP is as it was.");
        checks.addAll(flashOne(c, f, target));
        c.safeState("BL2 and FIP are written and verified.");
        return checks;
    }

    private static List<MenuInstall.Check> flashOne(Commands c, FlashImage img, Medium target) throws IOException {
        CancellationToken token = new CancellationToken();
        c.cancellation().whenCancelled(token::cancel);
        UBootFlash flash = new UBootFlash(c.session(), img, e -> report(c, e), token);
        FlashReport r;
        try {
            r = flash.run();
        } catch (FlashRefused e) {
            throw new UBootException(e.getMessage() + ". Nothing was written.");
        } catch (FlashException e) {
            if (e.getCause() instanceof CancellationException) {
                throw new CancelledException(e.getMessage() + " (" + e.state() + ")");
            }
            throw new UBootException(e.getMessage() + " — " + e.state());
        }
        List<MenuInstall.Check> checks = new ArrayList<>();
        long host = Long.parseLong(r.hostHash(), 16);
        for (FlashReport.CopyCheck k : r.copies()) {
            checks.add(new MenuInstall.Check(target.label() + " " + img.role().name() + " " + r.place()
                    + (r.copies().size() > 1 ? " copy at 0x" + Long.toHexString(k.offset()) : ""),
                    host, Long.parseLong(k.boardHash(), 16)));
        }
        return checks;
    }

    private static void report(Commands c, FlashEvent e) {
        switch (e.kind()) {
            case COMMAND -> c.listener().command(e.message());
            case PROGRESS -> c.listener().progress(e.step().label().toLowerCase(Locale.ROOT), e.progress().bytes(), e.progress().total());
            default -> c.listener().say(e.message());
        }
    }
}
