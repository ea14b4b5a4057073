package r4rescue.procedure.unbrick;

import java.nio.file.Path;
import java.util.List;

import r4rescue.board.BoardProfile;
import r4rescue.board.DramSize;
import r4rescue.board.Medium;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.strategy.BoardStrategy;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.protocol.uboot.Partconf;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * The SD-card rescue from start to end, as the wizard's pages run it one by one: the image file
 * checked (when given), the board booted from the card (BL2's words), the card's own NAND install
 * with the read-back, the board booted from the NAND (BL2's words again). The hand steps are the
 * {@link BoardStrategy}'s: done by the bench when the link has one, else asked of the user.
 */
public final class SdUnbrick {

    /** What the rescue did: the image file's report (null without a file), every comparison, the NAND boot. */
    public record Outcome(SdImageCheck.Report image, List<MenuInstall.Check> checks, BootLogWatch.Seen nandBoot) {
    }

    /** The rescue carried on to the eMMC: the NAND part (null when it was not run), the eMMC's comparisons, its PARTITION_CONFIG, its boot. */
    public record EmmcOutcome(Outcome nand, List<MenuInstall.Check> checks, Partconf partconf, BootLogWatch.Seen emmcBoot) {
    }

    private final BoardProfile board;
    private String ramImage;
    private DramSize.Variant ramVariant;
    private final BoardStrategy strategy;
    private final MenuInstall install;

    public SdUnbrick(BoardProfile board, BoardStrategy strategy) {
        this.board = board;
        this.strategy = strategy;
        this.install = new MenuInstall(board);
    }

    /**
     * @param r the {@link #checkImage checked} {@code …-sdcard.img.gz} the card was written from, or null (the card is then
     *          compared with what lands in the NAND only)
     */
    public Outcome run(SdImageCheck.Report r, Procedure p) throws Stopped {
        Outcome o = toNand(r, p);
        BootLogWatch.Seen seen = o.nandBoot();
        p.done(Message.of("proc.sdunbrick.repaired"), Texts.t("proc.sdunbrick.theBoardBootsFrom", seen.bootDevice(), seen.stage()));
        return o;
    }

    /**
     * Checks the board's RAM size once the card booted, before its install: {@code image} (its file name) was built
     * for {@code v}'s size.
     */
    public SdUnbrick checkingRam(Path image, DramSize.Variant v) {
        ramImage = image.getFileName().toString();
        ramVariant = v;
        return this;
    }

    /** The card's NAND install, verified, and the NAND boot confirmed. */
    private Outcome toNand(SdImageCheck.Report r, Procedure p) throws Stopped {
        List<MenuInstall.Check> checks;
        try (UBootSession s = strategy.toUBoot(Medium.SD, p)) {
            if (ramVariant != null) {
                CardRam.checkBoard(board, s, p, ramImage, ramVariant);
            }
            checks = installAndVerify(install, s, p, r);
        }
        return new Outcome(r, checks, strategy.bootFrom(Medium.SNAND, p));
    }

    /**
     * The rescue carried on to the eMMC, the way OpenWrt goes there (its SD menu has no eMMC entry): the NAND as in
     * {@link #run}, then from the NAND's U-Boot its menu's eMMC install, read back, PARTITION_CONFIG set to boot from
     * boot0, and the boot from the eMMC confirmed by BL2's words.
     *
     * @param host the eMMC bootloaders' CRC-32s in the image file, or {@link EmmcInstall.Host#NONE}
     */
    public EmmcOutcome runToEmmc(SdImageCheck.Report r, EmmcInstall.Host host, Procedure p) throws Stopped {
        return toEmmc(toNand(r, p), host, p);
    }

    /** The eMMC part of {@link #runToEmmc} alone, for a board that boots from its NAND (its outcome has no NAND part). */
    public EmmcOutcome fromNandToEmmc(EmmcInstall.Host host, Procedure p) throws Stopped {
        return toEmmc(null, host, p);
    }

    private EmmcOutcome toEmmc(Outcome nand, EmmcInstall.Host host, Procedure p) throws Stopped {
        EmmcInstall emmc = new EmmcInstall(board);
        List<MenuInstall.Check> checks;
        Partconf conf;
        try (UBootSession s = strategy.toUBoot(Medium.SNAND, p)) {
            emmc.install(s, p);
            checks = emmc.verify(s, p, host);
            List<MenuInstall.Check> bad = checks.stream().filter(k -> !k.ok()).toList();
            if (!bad.isEmpty()) {
                throw p.failed(Message.of("emmc.verifyFailed", MenuInstall.Check.all(bad)), null);
            }
            conf = emmc.bootFromBoot0(s, p);
        }
        BootLogWatch.Seen seen = strategy.bootFrom(Medium.EMMC, p);
        p.done(Texts.t("emmc.done.label"), Texts.t("emmc.done", seen.bootDevice(), String.valueOf(seen.stage())));
        return new EmmcOutcome(nand, checks, conf, seen);
    }

    /** The image file checked; refused (nothing sent) unless it is a rescue card image that carries the NAND bootloaders. */
    public static SdImageCheck.Report checkImage(BoardProfile board, Path image, Procedure p) throws Stopped {
        SdImageCheck.Report r = p.step(Message.of("proc.sdunbrick.checkTheImageFile"), "Reading " + image.getFileName() + " (decompressing the first MiBs only)",
                () -> SdImageCheck.check(board, image, p));
        if (!r.ok()) {
            throw p.refused(Message.of("proc.sdunbrick.nothingWasSentTo", r.verdict()));
        }
        if (!r.carriesNandInstall()) {
            throw p.refused(Message.of("proc.sdunbrick.noInstallNothingSent", r.verdict(), String.join(" ", r.notes())));
        }
        p.info(r.verdict() + " SHA-256 " + r.sha256() + ".");
        r.notes().forEach(p::info);
        return r;
    }

    /**
     * The card's menu install, then every BL2 copy and the FIP read back and compared; any
     * difference stops with the comparisons named (the SD card still boots, so it can run again).
     */
    public static List<MenuInstall.Check> installAndVerify(MenuInstall install, UBootSession s, Procedure p, SdImageCheck.Report r)
            throws Stopped {
        long bl2 = r == null ? -1 : r.nandBl2Crc();
        long fip = r == null ? -1 : r.nandFipCrc();
        install.install(s, p, bl2, fip);
        List<MenuInstall.Check> checks = install.verify(s, p, bl2, fip);
        List<MenuInstall.Check> bad = checks.stream().filter(k -> !k.ok()).toList();
        if (!bad.isEmpty()) {
            throw p.failed(Message.of("proc.sdunbrick.readBackDiffers", MenuInstall.Check.all(bad)), null);
        }
        return checks;
    }
}
