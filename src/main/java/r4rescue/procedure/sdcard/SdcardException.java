package r4rescue.procedure.sdcard;

import java.io.IOException;

import r4rescue.procedure.core.ExitCodes;
import r4rescue.util.Message;

/**
 * Why a card was not written (or not written right), with the exit code the command line gives for
 * it; the words are a {@link Message}, so that --json gets them in English with their key.
 */
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
    private final Message words;

    public SdcardException(Kind kind, Message words) {
        this(kind, words, -1, null);
    }

    public SdcardException(Kind kind, Message words, long offset, Throwable cause) {
        super(words.text(), cause);
        this.kind = kind;
        this.offset = offset;
        this.words = words;
    }

    /** The words with their key, for --json (English) and the user's language alike. */
    public Message words() {
        return words;
    }

    public Kind kind() {
        return kind;
    }

    /** The first bad byte's offset on the card, or -1. */
    public long offset() {
        return offset;
    }
}
