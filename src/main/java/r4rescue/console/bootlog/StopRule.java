package r4rescue.console.bootlog;

import java.util.List;

/**
 * What it means when the board goes quiet (or the log ends) in a stage, from signatures.json
 * "stops". Also the silent-board, noise and reset-loop verdicts (by {@link #when}).
 *
 * @param seen    mark that must have been seen in this boot (null: any)
 * @param notSeen marks that must not have been seen
 * @param afterMs quiet time after which the live observer calls it a hang (0: the stage's own)
 */
public record StopRule(String id, When when, Stage stage, String seen, List<String> notSeen, long afterMs,
                       String summary, String cause, String fix, String source, boolean confirmed) {

    /** Which situation a rule describes. */
    public enum When { SILENT, NOISE, RESET_LOOP, STOPPED }
}
