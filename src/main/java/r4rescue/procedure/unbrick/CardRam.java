package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import r4rescue.board.BoardProfile;
import r4rescue.board.DramSize;
import r4rescue.board.Medium;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.flash.BoardCommands;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Texts;

/**
 * The RAM size an SD image ({@code …-sdcard.img.gz} against {@code …-sdcard_8g.img.gz}) was built for, from the build
 * name in the BL2s it carries (the card's own at the image's start, then the NAND BL2 its install partition holds; see
 * {@code dram.json}), else its file name. Checked against the user's word before the board is touched, and against
 * the board's own U-Boot once the card booted, before the card's install writes its BL2 to the NAND.
 */
public final class CardRam {

    private static final int HEAD = 8 << 20;

    private CardRam() {
    }

    /** What the image says, or empty (no RAM facts for this board, or neither BL2 nor file name says). */
    public static Optional<DramSize.Variant> of(BoardProfile board, Path image) throws IOException {
        Optional<DramSize> dram = DramSize.of(board);
        if (dram.isEmpty()) {
            return Optional.empty();
        }
        BoardProfile.Layout sd = board.layout("openwrt-sd");
        long nandBl2 = sd.part("install").offset() + sd.install().get("snandBl2").asLong();
        String name = image.getFileName().toString();
        try (InputStream in = EmmcImage.open(image)) {
            byte[] head = in.readNBytes(HEAD);
            Optional<DramSize.Variant> v = dram.get().ofImage("", head);
            if (v.isPresent()) {
                return v;
            }
            in.skipNBytes(Math.max(0, nandBl2 - head.length));
            return dram.get().ofImage(name, in.readNBytes(1 << 20));
        } catch (java.io.EOFException shortFile) {
            return dram.get().ofImage(name, new byte[0]);
        }
    }

    /** Why the image must not go on a board the user says has {@code gib} GiB, or null when it fits. */
    public static String refusal(BoardProfile board, Path image, DramSize.Variant v, int gib) {
        return DramSize.of(board).map(d -> d.refusal(image.getFileName().toString(), v, Medium.SD, gib,
                Texts.t("emmc.ram.userSaid", Integer.toString(gib)))).orElse(null);
    }

    /**
     * Asks the card's U-Boot for the RAM size ({@code memsize}, as OpenWrt's env does) and refuses, before the menu
     * key is pressed, an image built for the other size. A U-Boot that does not say is reported, not refused.
     */
    public static void checkBoard(BoardProfile board, UBootSession s, Procedure p, String fileName, DramSize.Variant v)
            throws Stopped {
        Optional<DramSize> dram = DramSize.of(board);
        if (dram.isEmpty()) {
            return;
        }
        DramSize d = dram.get();
        String why = p.step(Texts.t("emmc.ram.step"), Texts.t("emmc.ram.step.msg", d.askCommand()), () -> {
            OptionalInt gib = new BoardCommands(s, p).run(d.askCommand(), BoardCommands.SHORT).ok()
                    ? s.getenv(d.askVariable()).map(DramSize::fromMebibytes).orElse(OptionalInt.empty())
                    : OptionalInt.empty();
            if (gib.isEmpty()) {
                p.warn(Texts.t("emmc.ram.unknown", d.askCommand()));
                return null;
            }
            p.info(Texts.t("emmc.ram.board", Integer.toString(gib.getAsInt()), d.askCommand()));
            return d.refusal(fileName, v, Medium.SD, gib.getAsInt(),
                    Texts.t("emmc.ram.ubootSaid", d.askCommand(), Integer.toString(gib.getAsInt() * 1024)));
        });
        if (why != null) {
            throw p.refused(why + " " + Texts.t("emmc.ram.nothingWritten"));
        }
    }
}
