package r4rescue.procedure.preflight;

/** One pre-flight result: the verdict and what was measured to reach it. */
public record AdapterFinding(Verdict verdict, String detail) {

    /** The line a person reads: meaning, what was seen, what to do. */
    public String line() {
        return verdict.meaning() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")") + " " + verdict.action();
    }
}
