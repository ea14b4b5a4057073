package r4rescue.console.bootlog;

/** How long a stage usually lasts, when its silence becomes a hang, and what that means. */
public record StageTiming(Stage stage, long typicalMs, long hangAfterMs, String meaning) {
}
