package r4rescue.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import r4rescue.util.Texts;

/**
 * Opens a folder in the platform's file manager ("Open logs folder"), through the desktop's own
 * opener in a separate process, so no UI thread ever waits on it.
 */
public final class Desktops {

    private Desktops() {
    }

    /**
     * Creates {@code folder} if needed and shows it. The future fails with a message a person can
     * act on when the opener is missing or reports an error.
     */
    public static CompletableFuture<Void> openFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IOException("cannot create " + folder + ": " + e.getMessage(), e));
        }
        String os = System.getProperty("os.name", "");
        return run(openCommand(os, folder), os.toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    /** The command that opens {@code folder} on the system named {@code osName}. */
    static List<String> openCommand(String osName, Path folder) {
        String os = osName.toLowerCase(Locale.ROOT);
        String path = folder.toAbsolutePath().toString();
        if (os.startsWith("windows")) {
            return List.of("explorer.exe", path);
        }
        if (os.startsWith("mac")) {
            return List.of("open", path);
        }
        return List.of("xdg-open", path);
    }

    /** Starts {@code command}; its exit code decides the future unless {@code anyExitIsFine}. */
    static CompletableFuture<Void> run(List<String> command, boolean anyExitIsFine) {
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IOException(
                    Texts.t("fx.desktop.notStarted", command.get(0), e.getMessage()), e));
        }
        // explorer.exe exits with 1 even when it opened the window, so its code means nothing.
        return p.onExit().thenCompose(done -> done.exitValue() == 0 || anyExitIsFine
                ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.<Void>failedFuture(new IOException(
                        Texts.t("fx.desktop.exited", String.join(" ", command), done.exitValue()))));
    }
}
