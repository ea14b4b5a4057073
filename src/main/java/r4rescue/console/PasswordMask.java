package r4rescue.console;

/**
 * Hides what is typed at a password prompt in a record of the console (session logs, {@code --log}
 * files, transcripts): after a line that ends in {@code Password:} (login, su, passwd, sudo), every
 * byte up to the end of that line becomes {@code *}; spaces right after the colon (the prompt's own)
 * stay. A board does not echo a password, but one whose echo is on, or a password typed before the
 * prompt turned echo off, would put it in clear into files that get attached to bug reports. Lengths
 * stay as they were, so the raw record keeps its byte positions. One instance per stream: it carries
 * its state across chunks.
 */
public final class PasswordMask {

    private static final String PROMPT = "password:";

    /** The end of the current line, lower case, at most as long as the prompt. */
    private final StringBuilder tail = new StringBuilder();
    /** After the prompt, before anything typed: its spaces are the prompt's. */
    private boolean armed;
    private boolean masking;

    /** {@code chunk} with typed password bytes replaced by '*' (a new array when anything changed). */
    public synchronized byte[] apply(byte[] chunk) {
        byte[] out = chunk;
        for (int i = 0; i < chunk.length; i++) {
            byte b = chunk[i];
            if (b == '\r' || b == '\n') {
                armed = false;
                masking = false;
                tail.setLength(0);
                continue;
            }
            if (armed && b == ' ') {
                continue;
            }
            if (armed || masking) {
                armed = false;
                masking = true;
                if (out == chunk) {
                    out = chunk.clone();
                }
                out[i] = '*';
                continue;
            }
            tail.append(Character.toLowerCase((char) (b & 0xff)));
            if (tail.length() > PROMPT.length()) {
                tail.deleteCharAt(0);
            }
            armed = tail.toString().equals(PROMPT);
        }
        return out;
    }
}
