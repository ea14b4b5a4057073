package r4rescue.protocol.uboot;

import r4rescue.console.Ansi;

/** Helpers for the raw console text: ANSI escapes off, line ends normalised, the prompt found. */
final class ConsoleText {

    private static final int MAX_PROMPT = 40;

    private ConsoleText() {
    }

    static String clean(CharSequence raw) {
        return Ansi.strip(raw).replace("\r", "").replace("\b", "");
    }

    /**
     * The prompt, if the text ends with a line that the console has printed more than once: after
     * each Ctrl-C, U-Boot prints a fresh prompt (on a new line, or on the same one in old builds).
     */
    static String repeatedPrompt(String cleanText) {
        String[] segs = cleanText.split("\n", -1);
        String last = segs[segs.length - 1];
        if (last.isBlank() || last.length() > MAX_PROMPT * 3) {
            return null;
        }
        for (int i = segs.length - 2; i >= Math.max(0, segs.length - 6); i--) {
            if (last.length() <= MAX_PROMPT && segs[i].startsWith(last)) {
                return last;
            }
        }
        // Old builds reprint the prompt on the same line: "=> => => ".
        for (int p = 1; p <= Math.min(MAX_PROMPT, last.length() / 2); p++) {
            if (last.length() % p == 0 && last.equals(last.substring(0, p).repeat(last.length() / p))
                    && !last.substring(0, p).isBlank()) {
                return last.substring(0, p);
            }
        }
        return null;
    }
}
