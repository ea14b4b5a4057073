package r4rescue.face.fx;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import r4rescue.AppDirs;
import r4rescue.procedure.transcript.Transcript;

/** "Save transcript…": the current (or last) session packed into a zip to share, written off the FX thread. */
final class TranscriptSaver {

    private TranscriptSaver() {
    }

    /** {@code currentLog} is the session's {@code .log} file, or empty when not connected (then the last session). */
    static void save(Window owner, String currentLog) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save transcript");
        fc.setInitialFileName("r4-rescue-transcript.zip");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Zip", "*.zip"));
        File f = fc.showSaveDialog(owner);
        if (f == null) {
            return;
        }
        CompletableFuture.supplyAsync(() -> {
            try {
                Path bin = currentLog == null || currentLog.isEmpty()
                        ? Transcript.find(AppDirs.forThisUser().logs(), null)
                        : Path.of(currentLog.replaceAll("\\.log$", ".bin"));
                Transcript.write(bin, f.toPath(), r4rescue.Version.get());
                return "Saved " + f + ".\nIts README.md is a summary to paste into a forum post; attach the zip.";
            } catch (Exception e) {
                return "Could not save the transcript: " + e.getMessage();
            }
        }).thenAccept(msg -> Platform.runLater(() -> {
            Alert a = new Alert(msg.startsWith("Saved") ? Alert.AlertType.INFORMATION : Alert.AlertType.ERROR, msg);
            a.initOwner(owner);
            a.setHeaderText("Transcript");
            a.show();
        }));
    }
}
