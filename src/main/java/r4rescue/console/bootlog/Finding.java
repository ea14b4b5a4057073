package r4rescue.console.bootlog;

import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * One diagnosis item: a signature that fired, or a stop/silence/noise verdict. {@link #summary()},
 * {@link #cause()} and {@link #detail()} are English (JSON, transcripts); the user reads
 * {@link #summaryText()}, {@link #causeText()} and {@link #detailText()} in their language.
 *
 * @param line   1-based line of the evidence (0: none, e.g. a silent board)
 * @param note   extra words for this instance (e.g. how long the stage has been quiet), or null
 */
public record Finding(String id, Stage stage, String summary, String cause, String fix, long line, String text,
                      Message note, String source, boolean confirmed) {

    static Finding of(Signature s, long line, String text) {
        return new Finding(s.id(), s.stage(), s.summary(), s.cause(), s.fix(), line, text, null, s.source(), s.confirmed());
    }

    static Finding of(StopRule r, Stage stage, long line, String text, Message note) {
        return new Finding(r.id(), stage, r.summary(), r.cause(), r.fix(), line, text, note, r.source(), r.confirmed());
    }

    /** The diag bundle key of a finding's {@code summary} or {@code cause}. */
    static String key(String id, String part) {
        return "diag.finding." + id + "." + part;
    }

    /** The extra words in English, or null. */
    public String detail() {
        return note == null ? null : note.english();
    }

    public String summaryText() {
        return Texts.t(key(id, "summary"));
    }

    public String causeText() {
        return Texts.t(key(id, "cause"));
    }

    /** The extra words in the user's language, or null. */
    public String detailText() {
        return note == null ? null : note.text();
    }
}
