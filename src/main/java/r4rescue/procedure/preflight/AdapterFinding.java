package r4rescue.procedure.preflight;

import r4rescue.util.Message;

/** One pre-flight result: the verdict and what was measured to reach it (null when nothing was). */
public record AdapterFinding(Verdict verdict, Message detail) {

    /** The line a person reads, in their language: meaning, what was seen, what to do. */
    public String line() {
        return verdict.meaning().text() + (detail == null ? "" : " (" + detail.text() + ")") + " " + verdict.action().text();
    }
}
