package r4rescue.procedure.flash;

import java.util.Locale;

import r4rescue.board.ImageKind;
import r4rescue.util.Texts;

/** What is being flashed: the BL2 preloader or the FIP (BL31 + U-Boot). */
public enum Role {
    BL2(ImageKind.BL2),
    FIP(ImageKind.FIP);

    private final ImageKind kind;

    Role(ImageKind kind) {
        this.kind = kind;
    }

    /** The kind of file this role takes. */
    public ImageKind kind() {
        return kind;
    }

    /** {@code bl2}, {@code FIP}, ... in any case. */
    public static Role parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Texts.t("proc.role.unknownPart", name));
        }
    }

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
