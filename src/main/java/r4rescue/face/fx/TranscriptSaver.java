package r4rescue.face.fx;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import r4rescue.AppDirs;
import r4rescue.procedure.transcript.Transcript;
import r4rescue.util.Texts;

/** "Save transcript…": the current (or last) session packed into a zip to share, written off the FX thread. */
final class TranscriptSaver {

    private TranscriptSaver() {
    }

    /** {@code currentLog} is the session's {@code .log} file, or empty when not connected (then the last session). */
    static void save(Window owner, String currentLog) {
        FileChooser fc = new FileChooser();
        fc.setTitle(Texts.t("fx.transcript.save"));
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
                return Map.entry(true, Texts.t("fx.transcript.saved", f));
            } catch (Exception e) {
                return Map.entry(false, Texts.t("fx.transcript.error", e.getMessage()));
            }
        }).thenAccept(msg -> Platform.runLater(() -> {
            Alert a = new Alert(msg.getKey() ? Alert.AlertType.INFORMATION : Alert.AlertType.ERROR, msg.getValue());
            a.initOwner(owner);
            a.setHeaderText(Texts.t("fx.transcript.header"));
            a.show();
        }));
    }
}
