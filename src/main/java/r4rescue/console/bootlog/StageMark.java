package r4rescue.console.bootlog;

/** Where a stage began: its 1-based line, that line's text, and the time since power-on. */
public record StageMark(Stage stage, long line, String text, long sinceBootMs) {
}
