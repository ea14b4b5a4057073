package r4rescue.procedure.uartboot;

import java.nio.charset.StandardCharsets;

import r4rescue.board.BoardProfile;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.UartBootData;
import r4rescue.util.Texts;

/**
 * Checks the two files of a serial-line recovery before the board is touched: the RAM BL2 (a raw
 * {@code bl2.bin} with TF-A's UART download in it, not a flash BL2 with a Boot ROM header) and the FIP.
 */
public final class UartBootFiles {

    private UartBootFiles() {
    }

    /** Why {@code bl2} cannot be sent to the Boot ROM, or null if it can. */
    public static String bl2Refusal(BoardProfile board, byte[] bl2) {
        UartBootData data = board.uartBoot();
        ImageInfo info = board.images().inspect(bl2);
        String pick = Texts.t("proc.uartfiles.pickTheRAMBL2", data.ramBl2FileNames());
        if (info.compressed()) {
            return Texts.t("proc.uartfiles.theBL2FileIs", info.kind().label());
        }
        if (info.kind() == ImageKind.BL2) {
            return Texts.t("proc.uartfiles.thisIsABL2", info.medium().label(), pick);
        }
        if (info.kind() != ImageKind.UNKNOWN || !info.problems().equals(java.util.List.of("no known header"))) {
            return (info.problems().isEmpty() ? Texts.t("proc.uartfiles.notRamBl2", info.kind().label())
                    : Texts.t("proc.uartfiles.notRamBl2Problems", info.kind().label(), String.join("; ", info.problems()))) + pick;
        }
        if (bl2.length > data.ramBl2MaxBytes()) {
            return String.format(Texts.t("proc.uartfiles.theFileIsD"),
                    bl2.length, data.ramBl2MaxBytes()) + pick;
        }
        if (!new String(bl2, StandardCharsets.ISO_8859_1).contains(data.ramBl2Marker())) {
            return Texts.t("proc.uartfiles.thisBL2HasNo", pick);
        }
        return null;
    }

    /** Why {@code bl2} cannot be written to the SPI-NAND, or null if it can. */
    public static String nandBl2Refusal(BoardProfile board, byte[] bl2) {
        ImageInspector in = board.images();
        return in.refusal(in.inspect(bl2), ImageKind.BL2, r4rescue.board.Medium.SNAND, 0);
    }

    /** Why {@code fip} cannot be sent to BL2, or null if it can. */
    public static String fipRefusal(BoardProfile board, byte[] fip) {
        ImageInspector in = board.images();
        return in.refusal(in.inspect(fip), ImageKind.FIP, null, 0);
    }
}
