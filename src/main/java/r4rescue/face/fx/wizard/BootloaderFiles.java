package r4rescue.face.fx.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import r4rescue.board.BoardData;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.procedure.unbrick.BootloaderFlasher;
import r4rescue.procedure.unbrick.Sha256Sums;

/**
 * BL2 and FIP files the user picks for the medium being repaired: each named by its headers,
 * refused if wrong, its SHA-256 shown and matched against an OpenWrt {@code sha256sums} file.
 */
final class BootloaderFiles extends VBox {

    /** Both files read and accepted. */
    record Checked(BootloaderFlasher.Image bl2, BootloaderFlasher.Image fip, String report) {
    }

    private final FileField bl2;
    private final FileField fip;
    private final FileField sums = new FileField("sumsFile", "sha256sums (optional)", "sha256sums from the same download folder");
    private final Label report = new Label();

    BootloaderFiles(Medium target) {
        setSpacing(6);
        BoardData d = BoardData.standard();
        String prefix = target == Medium.EMMC ? "emmc" : "snand";
        bl2 = new FileField("bl2File", "BL2 for " + target.label(), d.imageName(prefix + "-preloader.bin"));
        fip = new FileField("fipFile", "FIP for " + target.label(), d.imageName(prefix + "-bl31-uboot.fip"));
        report.setWrapText(true);
        report.setId("filesReport");
        getChildren().addAll(bl2, fip, sums, report);
    }

    /** Reads and checks both files (call off the FX thread); throws with the reason a file is refused. */
    static Checked check(Path bl2Path, Path fipPath, Path sumsPath, Medium target) throws IOException {
        if (bl2Path == null || fipPath == null) {
            throw new IOException("Pick both files: the BL2 (…-preloader.bin) and the FIP (…-bl31-uboot.fip).");
        }
        Sha256Sums sums = sumsPath == null ? null : Sha256Sums.read(sumsPath);
        StringBuilder out = new StringBuilder();
        byte[] b = Files.readAllBytes(bl2Path);
        byte[] f = Files.readAllBytes(fipPath);
        ImageInspector ins = ImageInspector.standard();
        ImageInfo bi = ins.inspect(b);
        ImageInfo fi = ins.inspect(f);
        String why = ins.refusal(bi, ImageKind.BL2, target, 0);
        if (why != null) {
            throw new IOException("BL2 file refused: " + why + ".");
        }
        why = ins.refusal(fi, ImageKind.FIP, target, 0);
        if (why != null) {
            throw new IOException("FIP file refused: " + why + ".");
        }
        for (Object[] x : new Object[][] {{bl2Path, bi, b}, {fipPath, fi, f}}) {
            Path p = (Path) x[0];
            String sha = sha256((byte[]) x[2]);
            out.append(p.getFileName()).append(": ").append(((ImageInfo) x[1]).detail()).append("\n  SHA-256 ").append(sha);
            if (sums != null) {
                out.append("\n  ").append(sums.verdict(p.getFileName().toString(), sha));
                if (sums.hashOf(p.getFileName().toString()).map(h -> !h.equalsIgnoreCase(sha)).orElse(false)) {
                    throw new IOException(out + "\nRefused: the SHA-256 differs from sha256sums.");
                }
            }
            out.append('\n');
        }
        return new Checked(new BootloaderFlasher.Image(bl2Path.getFileName().toString(), b),
                new BootloaderFlasher.Image(fipPath.getFileName().toString(), f), out.toString().strip());
    }

    Path bl2() {
        return bl2.path();
    }

    Path fip() {
        return fip.path();
    }

    Path sums() {
        return sums.path();
    }

    Label report() {
        return report;
    }

    static String sha256(byte[] d) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Button button(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        return b;
    }
}
