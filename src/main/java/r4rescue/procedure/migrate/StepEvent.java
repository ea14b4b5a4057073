package r4rescue.procedure.migrate;

import java.util.List;

/** One step of a procedure started, finished, failed or was cancelled; with evidence and the exact commands sent. */
public record StepEvent(Kind kind, String step, String evidence, List<String> commands) {

    public enum Kind { STARTED, FINISHED, FAILED, CANCELLED }

    @Override
    public String toString() {
        return kind + " " + step + (evidence == null || evidence.isEmpty() ? "" : ": " + evidence);
    }
}
