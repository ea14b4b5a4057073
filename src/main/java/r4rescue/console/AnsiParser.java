package r4rescue.console;

/**
 * Splits decoded console text into printable runs, control characters and escape sequences, the
 * way a VT100/xterm reads them. Everything that is not printable text is consumed, so unknown
 * sequences never show up as garbage; what a terminal acts on goes to the {@link Handler}.
 */
public final class AnsiParser {

    /** Receives what the parser found, in order. */
    public interface Handler {
        /** Printable characters {@code buf[from..to)}. */
        void text(char[] buf, int from, int to);

        void carriageReturn();

        void lineFeed();

        void backspace();

        void tab();

        /**
         * A control sequence {@code ESC [ ... final}. Missing parameters are -1.
         * {@code privateMarker} is '?', '>', '=' , '<' or 0.
         */
        void csi(char command, int[] params, int count, char privateMarker);

        /** {@code ESC} followed by one character such as 'M' (reverse index), '7', '8', 'D', 'E'. */
        default void escape(char command) {
        }
    }

    private static final int GROUND = 0;
    private static final int ESC = 1;
    private static final int ESC_INTERMEDIATE = 2;
    private static final int CSI = 3;
    private static final int STRING = 4;      // OSC, DCS, SOS, PM, APC: swallowed until BEL or ST
    private static final int STRING_ESC = 5;

    /** Longest string sequence swallowed; a stray ESC ] in line noise must not eat the rest of the log. */
    private static final int MAX_STRING = 1024;
    private static final int MAX_PARAMS = 32;

    private final Handler handler;
    private final int[] params = new int[MAX_PARAMS];
    private int count;
    private char privateMarker;
    private boolean intermediate;
    private int state = GROUND;
    private int stringLength;

    public AnsiParser(Handler handler) {
        this.handler = handler;
    }

    public void feed(char[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            if (state == GROUND) {
                int start = i;
                while (i < to && printable(buf[i])) {
                    i++;
                }
                if (i > start) {
                    handler.text(buf, start, i);
                }
                if (i < to) {
                    control(buf[i++]);
                }
            } else {
                sequence(buf[i++]);
            }
        }
    }

    private static boolean printable(char c) {
        return c >= 0x20 ? c < 0x7F || c > 0x9F : false;
    }

    /** A C0 control character (or DEL / C1) met in text or in the middle of a sequence. */
    private void control(char c) {
        switch (c) {
            case '\r' -> handler.carriageReturn();
            case '\n', 0x0B, 0x0C -> handler.lineFeed();
            case '\b' -> handler.backspace();
            case '\t' -> handler.tab();
            case 0x1B -> state = ESC;
            default -> {
                // BEL, NUL, DEL, C1 and the rest: nothing to show.
            }
        }
    }

    private void sequence(char c) {
        switch (state) {
            case ESC -> escape(c);
            case ESC_INTERMEDIATE -> {
                if (c < 0x20) {
                    control(c);
                } else if (c < 0x30) {
                    // more intermediates
                } else {
                    state = GROUND;
                }
            }
            case CSI -> csiChar(c);
            case STRING -> {
                if (c == 0x07) {
                    state = GROUND;
                } else if (c == 0x1B) {
                    state = STRING_ESC;
                } else if (c == '\n' || ++stringLength > MAX_STRING) {
                    state = GROUND;
                    if (c == '\n') {
                        handler.lineFeed();
                    }
                }
            }
            case STRING_ESC -> {
                if (c == '\\') {
                    state = GROUND;
                } else {
                    state = STRING;
                }
            }
            default -> state = GROUND;
        }
    }

    private void escape(char c) {
        switch (c) {
            case '[' -> {
                state = CSI;
                count = 0;
                privateMarker = 0;
                intermediate = false;
                params[0] = -1;
            }
            case ']', 'P', 'X', '^', '_' -> {
                state = STRING;
                stringLength = 0;
            }
            case 0x1B -> state = ESC;
            default -> {
                if (c < 0x20) {
                    state = GROUND;
                    control(c);
                } else if (c < 0x30) {
                    state = ESC_INTERMEDIATE; // ESC ( B and friends: charset selection
                } else {
                    state = GROUND;
                    handler.escape(c);
                }
            }
        }
    }

    private void csiChar(char c) {
        if (c >= '0' && c <= '9') {
            if (count == 0) {
                count = 1;
            }
            int p = params[count - 1];
            params[count - 1] = p < 0 ? c - '0' : Math.min(p * 10 + (c - '0'), 99_999);
        } else if (c == ';' || c == ':') {
            if (count == 0) {
                count = 1;
            }
            if (count < MAX_PARAMS) {
                params[count++] = -1;
            }
        } else if (c >= '<' && c <= '?') {
            privateMarker = c;
        } else if (c >= 0x20 && c <= 0x2F) {
            intermediate = true;
        } else if (c >= 0x40 && c <= 0x7E) {
            state = GROUND;
            if (!intermediate) {
                handler.csi(c, params, count, privateMarker);
            }
        } else if (c == 0x1B) {
            state = ESC;
        } else if (c < 0x20) {
            control(c); // xterm executes controls met inside a sequence
        } else {
            state = GROUND; // not a valid sequence character: drop the sequence
        }
    }
}
