package r4rescue.procedure.core;

import r4rescue.link.LinkException;
import r4rescue.protocol.uboot.NoAnswerException;
import r4rescue.protocol.ymodem.YmodemException;
import r4rescue.util.Message;

/**
 * A procedure stopped before its end: why ({@link Kind}), in which step, the message (which
 * already says what the board said and what to do), and the state the board is left in.
 * The message is a {@link Message}: the user reads {@link #getMessage()} in their language, and
 * {@code --json} writes its id and {@link #english()}.
 */
public class Stopped extends Exception {

    public enum Kind {
        /** The input or request is wrong; refused before anything was changed. */
        REFUSED,
        /** The board answered with an error, or a check (CRC, read-back) failed. */
        BOARD_SAID_NO,
        /** The link was lost or the board stopped answering. */
        NO_ANSWER,
        /** The user cancelled. */
        CANCELLED
    }

    private final Kind kind;
    private final Message step;
    private final BoardState state;
    private final Message message;

    public Stopped(Kind kind, String step, Message message, BoardState state, Throwable cause) {
        this(kind, said(step), message, state, cause);
    }

    public Stopped(Kind kind, Message step, Message message, BoardState state, Throwable cause) {
        super(message.english(), cause);
        this.kind = kind;
        this.step = step;
        this.state = state;
        this.message = message;
    }

    /** A message from elsewhere (the board, a lower layer) carried as it is. */
    public Stopped(Kind kind, String step, String message, BoardState state, Throwable cause) {
        this(kind, step, said(message), state, cause);
    }

    /** Text that is not ours to translate (the board's words, a lower layer's message), under one id. */
    public static Message said(String text) {
        return Message.of("proc.said", text == null ? "" : text);
    }

    /** In the user's language. */
    @Override
    public String getMessage() {
        return message.text();
    }

    /** In English, for {@code --json} and shared transcripts. */
    public String english() {
        return message.english();
    }

    /** The message's id and arguments. */
    public Message message() {
        return message;
    }

    /** BOARD_SAID_NO or NO_ANSWER, read from what went wrong underneath. */
    public static Kind kindOf(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof LinkException || c instanceof NoAnswerException
                    || c instanceof YmodemException y && !y.cancelled()) {
                return Kind.NO_ANSWER;
            }
        }
        return Kind.BOARD_SAID_NO;
    }

    public Kind kind() {
        return kind;
    }

    /** The step it stopped in, in the user's language. */
    public String step() {
        return step.text();
    }

    /** The step's bundle key, for code that matches a step whatever the language. */
    public String stepId() {
        return step.key();
    }

    /** The step's name in English, for {@code --json}. */
    public String stepEnglish() {
        return step.english();
    }

    public BoardState state() {
        return state;
    }

    public boolean noAnswer() {
        return kind == Kind.NO_ANSWER;
    }

    /** The command line's exit code for this stop ({@link ExitCodes}). */
    public int exitCode() {
        return ExitCodes.of(this);
    }
}
