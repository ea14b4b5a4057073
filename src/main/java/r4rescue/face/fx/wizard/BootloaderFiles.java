package r4rescue.face.fx.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import r4rescue.board.BoardProfile;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.procedure.unbrick.BootloaderFlasher;
import r4rescue.procedure.unbrick.Sha256Sums;
import r4rescue.util.Hashes;
import r4rescue.util.Texts;

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
    private final FileField sums = new FileField("sumsFile", Texts.t("fx.files.sums"), Texts.t("fx.files.sums.tip"));
    private final Label report = new Label();

    private final ComboBox<Medium> medium = new ComboBox<>();

    /** @param choices the media the user may repair from here (the first is preselected) */
    private final BoardProfile board;

    BootloaderFiles(BoardProfile board, List<Medium> choices) {
        this.board = board;
        setSpacing(6);
        bl2 = new FileField("bl2File", Texts.t("fx.files.bl2"), "").library(r4rescue.board.ImageKind.BL2,
                () -> medium.getValue() == null ? Medium.NONE : medium.getValue());
        fip = new FileField("fipFile", "FIP (BL31 + U-Boot)", "").library(r4rescue.board.ImageKind.FIP, () -> Medium.NONE);
        medium.setId("flashMedium");
        medium.getItems().setAll(choices);
        medium.setConverter(new StringConverter<>() {
            @Override
            public String toString(Medium m) {
                return m == null ? "" : m.label();
            }

            @Override
            public Medium fromString(String s) {
                return null;
            }
        });
        medium.valueProperty().addListener((o, a, m) -> showNames(m));
        medium.setValue(choices.get(0));
        medium.setDisable(choices.size() == 1);
        Label mediumLabel = new Label(Texts.t("fx.files.medium"));
        mediumLabel.setLabelFor(medium);
        HBox row = new HBox(8, mediumLabel, medium);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        report.setWrapText(true);
        report.setId("filesReport");
        getChildren().addAll(row, bl2, fip, sums, report);
    }

    private void showNames(Medium m) {
        BoardProfile d = board;
        String prefix = m == Medium.EMMC ? "emmc" : "snand";
        bl2.field().setPromptText(d.imageName(prefix + "-preloader.bin"));
        fip.field().setPromptText(d.imageName(prefix + "-bl31-uboot.fip"));
    }

    Medium medium() {
        return medium.getValue();
    }

    /** Reads and checks both files (call off the FX thread); throws with the reason a file is refused. */
    static Checked check(BoardProfile board, Path bl2Path, Path fipPath, Path sumsPath, Medium target) throws IOException {
        if (bl2Path == null || fipPath == null) {
            throw new IOException(Texts.t("fx.files.pickBoth"));
        }
        Sha256Sums sums = sumsPath == null ? null : Sha256Sums.read(sumsPath);
        StringBuilder out = new StringBuilder();
        byte[] b = Files.readAllBytes(bl2Path);
        byte[] f = Files.readAllBytes(fipPath);
        ImageInspector ins = board.images();
        ImageInfo bi = ins.inspect(b);
        ImageInfo fi = ins.inspect(f);
        String why = ins.refusal(bi, ImageKind.BL2, target, 0);
        if (why != null) {
            throw new IOException(Texts.t("fx.files.bl2Refused", why));
        }
        why = ins.refusal(fi, ImageKind.FIP, target, 0);
        if (why != null) {
            throw new IOException(Texts.t("fx.files.fipRefused", why));
        }
        for (Object[] x : new Object[][] {{bl2Path, bi, b}, {fipPath, fi, f}}) {
            Path p = (Path) x[0];
            String sha = Hashes.sha256Hex((byte[]) x[2]);
            out.append(p.getFileName()).append(": ").append(((ImageInfo) x[1]).detail()).append("\n  SHA-256 ").append(sha);
            if (sums != null) {
                out.append("\n  ").append(sums.verdict(p.getFileName().toString(), sha));
                if (sums.hashOf(p.getFileName().toString()).map(h -> !h.equalsIgnoreCase(sha)).orElse(false)) {
                    throw new IOException(out + "\n" + Texts.t("fx.files.shaRefused"));
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

    static Button button(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        return b;
    }
}
