package r4rescue.console.bootlog;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A known failure line (from signatures.json).
 *
 * @param contains   literals; the signature is tested only if one of them is in the line
 * @param pattern    optional regex that must then also find
 * @param stages     if not empty, only tested while the boot is in one of these stages
 * @param rank       specificity: within one boot the highest rank wins, ties keep the first
 * @param minCount   fires on the N-th matching line of a boot (retry loops)
 * @param onlyIfRoot for evidence: counts only when the kernel's root= matches
 * @param fix        id of the flow that repairs it (sd-rescue, reflash-fip, ...)
 */
public record Signature(String id, Stage stage, Severity severity, int rank, List<String> contains,
                        Pattern pattern, Set<Stage> stages, int minCount, Pattern onlyIfRoot,
                        String summary, String cause, String fix, String source, boolean confirmed) {

    /** How much a signature says about the boot. */
    public enum Severity {
        /** The boot failed here. */
        FATAL,
        /** Worth showing; the boot may go on. */
        WARNING,
        /** Explains a later stop; counts only if the boot stops. */
        EVIDENCE
    }
}
