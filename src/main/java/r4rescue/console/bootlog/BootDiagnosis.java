package r4rescue.console.bootlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a boot log says: the stages reached, what was seen, and the verdict.
 *
 * @param failure       the fatal signature or stop verdict of the last boot, or null
 * @param previousBoots earlier boots in the same log (a watchdog loop shows several)
 */
public record BootDiagnosis(Outcome outcome, Stage lastStage, List<StageMark> stages, String bootDevice,
                            Map<String, String> versions, String rootDevice, boolean rootMounted, Finding failure,
                            List<Finding> warnings, List<PreviousBoot> previousBoots, boolean bootMenu,
                            boolean ubootPrompt, boolean shellPrompt, long lines) {

    /** The verdict. */
    public enum Outcome {
        /** Userspace reached, no failure. */
        COMPLETE,
        /** A failure signature fired, or the boot stopped in a stage. */
        FAILED,
        /** Stopped at the U-Boot prompt or boot menu: waiting for a user, not broken. */
        WAITING,
        /** Nothing at all from the board. */
        SILENT,
        /** Bytes that are not text: wrong baud rate. */
        NOISE,
        /** Text, but nothing of the boot chain recognised. */
        UNRECOGNISED
    }

    /** How an earlier boot in the same log ended. */
    public record PreviousBoot(Stage lastStage, long line, String failureId) {
    }

    public boolean complete() {
        return outcome == Outcome.COMPLETE;
    }

    /** One segment per stage of the chain, for the timeline view. */
    public List<TimelineSegment> timeline() {
        List<TimelineSegment> out = new ArrayList<>();
        Stage[] all = Stage.values();
        for (int i = 1; i < all.length; i++) {
            Stage s = all[i];
            StageMark mark = null;
            StageMark nextMark = null;
            for (int j = 0; j < stages.size(); j++) {
                if (stages.get(j).stage() == s) {
                    mark = stages.get(j);
                    nextMark = j + 1 < stages.size() ? stages.get(j + 1) : null;
                }
            }
            if (mark == null) {
                out.add(new TimelineSegment(s, TimelineSegment.State.PENDING, -1, -1, 0));
                continue;
            }
            TimelineSegment.State state;
            // a prompt or menu is where the boot waits for a person: reached, not running
            if (nextMark != null || outcome == Outcome.COMPLETE || outcome == Outcome.WAITING) {
                state = TimelineSegment.State.PASSED;
            } else if (failure != null) {
                state = TimelineSegment.State.FAILED;
            } else {
                state = TimelineSegment.State.CURRENT;
            }
            long duration = nextMark == null ? -1 : nextMark.sinceBootMs() - mark.sinceBootMs();
            out.add(new TimelineSegment(s, state, mark.sinceBootMs(), duration, mark.line()));
        }
        return out;
    }
}
