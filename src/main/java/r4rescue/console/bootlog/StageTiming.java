package r4rescue.console.bootlog;

import r4rescue.util.Message;

/** How long a stage usually lasts and when its silence becomes a hang (what that means: {@link #meaning()}). */
public record StageTiming(Stage stage, long typicalMs, long hangAfterMs) {

    /** What a silence in this stage means, in words the user reads (key {@code diag.stage.STAGE.meaning}). */
    public Message meaning() {
        return Message.of("diag.stage." + stage.name() + ".meaning");
    }
}
