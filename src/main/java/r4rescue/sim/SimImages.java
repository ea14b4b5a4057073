package r4rescue.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;

/**
 * The image files of the simulated world, as a user would download them: the RAM BL2 for the
 * serial-line recovery, and the SPI-NAND BL2 and FIP the rescue SD card's install partition holds
 * (the same bytes). {@code simulate --export-images DIR} writes them for scripts and benches.
 */
public final class SimImages {

    public static final String RAM_BL2 = "ram-bl2.bin";
    public static final String SNAND_BL2 = "snand-bl2.img";
    public static final String SNAND_FIP = "snand.fip";

    private SimImages() {
    }

    public static byte[] ramBl2() {
        return SyntheticImages.ramBl2(BoardProfile.load(BoardProfile.DEFAULT_ID), 180_000, 7);
    }

    public static byte[] snandBl2() {
        return SyntheticImages.bl2(Medium.SNAND, 200_000, 7);
    }

    public static byte[] snandFip() {
        return SyntheticImages.fip(65_536, 720_000, 8);
    }

    /** Writes the three files into {@code dir} (made if missing); returns their paths. */
    public static List<Path> export(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path a = Files.write(dir.resolve(RAM_BL2), ramBl2());
        Path b = Files.write(dir.resolve(SNAND_BL2), snandBl2());
        Path c = Files.write(dir.resolve(SNAND_FIP), snandFip());
        return List.of(a, b, c);
    }
}
