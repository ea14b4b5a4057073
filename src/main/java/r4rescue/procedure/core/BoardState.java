package r4rescue.procedure.core;

import r4rescue.util.Message;

/**
 * What the board is left as, in words for the user. The procedure sets it the moment it changes
 * the board (before an erase is sent, not after), so a stop at any moment reports the truth.
 */
public record BoardState(Kind kind, Message message) {

    public enum Kind {
        /** Nothing was changed: the board boots as before. */
        UNTOUCHED,
        /** Changed, read back and compared: the board holds what was asked for. */
        VERIFIED,
        /**
         * Being changed, with a good copy kept (one BL2 copy of four rewritten at a time): not
         * finished, but the board still boots.
         */
        PARTLY_CHANGED,
        /** Erased or partly written and not verified: it may not boot (use the SD rescue). */
        DAMAGED,
        /** The program cannot tell (the link went away in the middle of a change). */
        UNKNOWN
    }

    public static BoardState untouched(String words) {
        return new BoardState(Kind.UNTOUCHED, words);
    }

    public static BoardState untouched(Message words) {
        return new BoardState(Kind.UNTOUCHED, words);
    }

    public static BoardState verified(String words) {
        return new BoardState(Kind.VERIFIED, words);
    }

    public static BoardState verified(Message words) {
        return new BoardState(Kind.VERIFIED, words);
    }

    public static BoardState partlyChanged(String words) {
        return new BoardState(Kind.PARTLY_CHANGED, words);
    }

    public static BoardState partlyChanged(Message words) {
        return new BoardState(Kind.PARTLY_CHANGED, words);
    }

    public static BoardState damaged(String words) {
        return new BoardState(Kind.DAMAGED, words);
    }

    public static BoardState damaged(Message words) {
        return new BoardState(Kind.DAMAGED, words);
    }

    public static BoardState unknown(String words) {
        return new BoardState(Kind.UNKNOWN, words);
    }

    public static BoardState unknown(Message words) {
        return new BoardState(Kind.UNKNOWN, words);
    }

    /** Words from elsewhere (a journal read back) carried as they are. */
    public BoardState(Kind kind, String words) {
        this(kind, Stopped.said(words));
    }

    /** In the user's language. */
    public String words() {
        return message.text();
    }

    /** In English, for JSON and the journal. */
    public String english() {
        return message.english();
    }

    /** Stopping here leaves the board as the words say: nothing is half done. */
    public boolean safeToStop() {
        return kind == Kind.UNTOUCHED || kind == Kind.VERIFIED;
    }

    /** E.g. "damaged — the old BL2 is gone …". */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " — " + words();
    }
}
