package r4rescue.procedure.sdcard;

import java.io.IOException;

import r4rescue.procedure.core.ExitCodes;

/** Why a card was not written (or not written right), with the exit code the command line gives for it. */
public final class SdcardException extends IOException {

    public enum Kind {
        /** Refused before the card was touched: not a card, a system disk, a wrong or too large image. */
        REFUSED(ExitCodes.REFUSED),
        /** The write or the verify failed: the card holds a partial or wrong image. */
        FAILED(ExitCodes.FAILED),
        /** This user may not open the device, and no privileged way (UDisks2, pkexec) worked. */
        NO_PERMISSION(ExitCodes.NO_LINK);

        public final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Kind kind;
    private final long offset;

    public SdcardException(Kind kind, String message) {
        this(kind, message, -1, null);
    }

    public SdcardException(Kind kind, String message, long offset, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.offset = offset;
    }

    public Kind kind() {
        return kind;
    }

    /** The first bad byte's offset on the card, or -1. */
    public long offset() {
        return offset;
    }
}
