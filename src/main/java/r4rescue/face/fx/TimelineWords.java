package r4rescue.face.fx;

import r4rescue.console.bootlog.TimelineSegment;
import r4rescue.util.Texts;

/** What a screen reader says for a timeline segment. */
final class TimelineWords {

    private TimelineWords() {
    }

    /** "BL2, passed, began 0.3 s after power-on": the segment's accessible text. */
    static String segment(String name, TimelineSegment t) {
        String at = BootTimelineViewModel.seconds(t.startMs());
        return switch (t.state()) {
            case PENDING -> Texts.t("window.segment.pending", name);
            case PASSED -> Texts.t("window.segment.passed", name, at);
            case CURRENT -> Texts.t("window.segment.current", name, at);
            case FAILED -> Texts.t("window.segment.failed", name, at);
            case INTERRUPTED -> Texts.t("window.segment.interrupted", name, at);
        };
    }
}
