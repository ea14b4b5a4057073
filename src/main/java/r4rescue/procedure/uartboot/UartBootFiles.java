package r4rescue.procedure.uartboot;

import java.nio.charset.StandardCharsets;

import r4rescue.board.BoardProfile;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.UartBootData;

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
        String pick = " Pick the RAM BL2 (" + data.ramBl2FileNames() + ").";
        if (info.compressed()) {
            return "The BL2 file is a " + info.kind().label() + ": decompress it first.";
        }
        if (info.kind() == ImageKind.BL2) {
            return "This is a BL2 for booting from " + info.medium().label()
                    + " (it has the Boot ROM's flash header), not a RAM BL2." + pick;
        }
        if (info.kind() != ImageKind.UNKNOWN || !info.problems().equals(java.util.List.of("no known header"))) {
            return "This is a " + info.kind().label() + ", not a RAM BL2"
                    + (info.problems().isEmpty() ? "" : " (" + String.join("; ", info.problems()) + ")") + "." + pick;
        }
        if (bl2.length > data.ramBl2MaxBytes()) {
            return String.format("The file is %,d bytes, more than the Boot ROM's %,d bytes of SRAM: not a RAM BL2.",
                    bl2.length, data.ramBl2MaxBytes()) + pick;
        }
        if (!new String(bl2, StandardCharsets.ISO_8859_1).contains(data.ramBl2Marker())) {
            return "This BL2 has no UART download in it (not built with RAM_BOOT_UART_DL), or the file was cut short: "
                    + "it could not take the FIP." + pick;
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
