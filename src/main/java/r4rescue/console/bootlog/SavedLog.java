package r4rescue.console.bootlog;

import java.nio.charset.StandardCharsets;

/**
 * Feeds a captured log (raw bytes as the serial port delivered them) to an observer: lines end
 * at LF (CRLF and stray CRs are cleaned later); a file with no LF at all is split at CR. Each
 * line is decoded as UTF-8 with bad bytes replaced, so any byte sequence is accepted.
 */
public final class SavedLog {

    private SavedLog() {
    }

    /** Feeds every line of {@code raw} with time 0 and returns the finished diagnosis. */
    public static BootDiagnosis diagnose(byte[] raw) {
        BootLogObserver o = new BootLogObserver();
        feed(raw, o);
        return o.finish();
    }

    public static void feed(byte[] raw, BootLogObserver observer) {
        byte sep = indexOf(raw, (byte) '\n') >= 0 ? (byte) '\n' : (byte) '\r';
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == sep) {
                observer.accept(decode(raw, start, i - start), 0);
                start = i + 1;
            }
        }
        if (start < raw.length) {
            observer.accept(decode(raw, start, raw.length - start), 0);
        }
    }

    /** Lines beyond this many bytes are cut before decoding: the observer cuts them anyway. */
    private static final int MAX_LINE_BYTES = 16 * 1024;

    private static String decode(byte[] raw, int off, int len) {
        return new String(raw, off, Math.min(len, MAX_LINE_BYTES), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
