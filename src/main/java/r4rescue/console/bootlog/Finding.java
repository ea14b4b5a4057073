package r4rescue.console.bootlog;

/**
 * One diagnosis item: a signature that fired, or a stop/silence/noise verdict.
 *
 * @param line   1-based line of the evidence (0: none, e.g. a silent board)
 * @param detail extra words for this instance (e.g. how long the stage has been quiet), or null
 */
public record Finding(String id, Stage stage, String summary, String cause, String fix, long line, String text,
                      String detail, String source, boolean confirmed) {

    static Finding of(Signature s, long line, String text) {
        return new Finding(s.id(), s.stage(), s.summary(), s.cause(), s.fix(), line, text, null, s.source(), s.confirmed());
    }

    static Finding of(StopRule r, Stage stage, long line, String text, String detail) {
        return new Finding(r.id(), stage, r.summary(), r.cause(), r.fix(), line, text, detail, r.source(), r.confirmed());
    }
}
