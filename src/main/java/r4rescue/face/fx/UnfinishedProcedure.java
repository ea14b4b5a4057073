package r4rescue.face.fx;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Optional;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import picocli.CommandLine;

import r4rescue.face.cli.MainCommand;
import r4rescue.procedure.core.JournalEntry;
import r4rescue.util.Texts;

/**
 * At the window's start: a procedure the program did not finish (it was killed, the computer died)
 * is said in plain words, with <b>Resume</b> — the same {@code r4-rescue resume} as on the command
 * line (reconnect, read the board back, continue or say SD rescue), its lines shown as they come —
 * and <b>Later</b>. Reading the journals and the resume run off the FX thread.
 */
public final class UnfinishedProcedure {

    private final Stage stage = new Stage();
    private final Label words = new Label();
    private final TextArea lines = new TextArea();
    private final Label verdict = new Label();
    private final Button resume = new Button(Texts.t("fx.unfinished.resume"));
    private final Button later = new Button(Texts.t("fx.unfinished.later"));

    private UnfinishedProcedure(Window owner, JournalEntry entry) {
        words.setId("unfinishedWords");
        words.setWrapText(true);
        words.setText(entry.words());
        lines.setId("resumeLines");
        lines.setEditable(false);
        lines.setWrapText(true);
        lines.setVisible(false);
        lines.setManaged(false);
        VBox.setVgrow(lines, Priority.ALWAYS);
        verdict.setId("resumeVerdict");
        verdict.setWrapText(true);
        resume.setId("resumeButton");
        resume.setDefaultButton(true);
        later.setId("laterButton");
        later.setCancelButton(true);
        later.setOnAction(e -> stage.close());
        resume.setOnAction(e -> run());
        // a migration is resumed from the board's shell, not from U-Boot
        Label note = new Label(Texts.t("migrate".equals(entry.procedure()) ? "journal.window.migrate-note" : "fx.unfinished.note"));
        note.setId("resumeNote");
        note.setWrapText(true);
        HBox buttons = new HBox(8, resume, later);
        VBox box = new VBox(10, words, note, lines, verdict, buttons);
        box.setPadding(new Insets(16));
        box.setPrefWidth(560);
        stage.setTitle(Texts.t("fx.unfinished.title"));
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setScene(new Scene(box));
    }

    /** Looks for an unfinished procedure in {@code journals} off the FX thread, and shows it if there is one. */
    public static void checkAtStart(Window owner, Path journals) {
        Thread t = new Thread(() -> {
            Optional<JournalEntry> e;
            try {
                e = JournalEntry.newestUnfinished(journals);
            } catch (java.io.IOException | RuntimeException x) {
                return; // no journals to read: nothing to say at start
            }
            e.ifPresent(entry -> Platform.runLater(() -> show(owner, entry)));
        }, "journal-check");
        t.setDaemon(true);
        t.start();
    }

    /** Shows {@code entry}; on the FX thread. */
    public static Stage show(Window owner, JournalEntry entry) {
        UnfinishedProcedure u = new UnfinishedProcedure(owner, entry);
        u.stage.show();
        return u.stage;
    }

    /** Runs {@code resume --yes} on its own thread; its lines appear as they come, then the verdict. */
    private void run() {
        resume.setDisable(true);
        later.setDisable(true);
        lines.setVisible(true);
        lines.setManaged(true);
        stage.sizeToScene();
        verdict.setText(Texts.t("fx.unfinished.resuming"));
        Thread t = new Thread(() -> {
            PrintWriter out = new PrintWriter(new ToArea(), true);
            CommandLine cl = new CommandLine(new MainCommand());
            cl.setOut(out);
            cl.setErr(out);
            int code = cl.execute("resume", "--yes");
            out.flush();
            String said = switch (code) {
                case 0 -> Texts.t("fx.unfinished.verified");
                case 2 -> Texts.t("fx.unfinished.nothingSent");
                case 3 -> Texts.t("fx.unfinished.noAnswer");
                default -> Texts.t("fx.unfinished.notVerified");
            };
            Platform.runLater(() -> {
                verdict.setText(said);
                later.setText(Texts.t("fx.unfinished.close"));
                later.setDisable(false);
                resume.setDisable(code == 0);
            });
        }, "journal-resume");
        t.setDaemon(true);
        t.start();
    }

    /** Text written by the command, appended to the area on the FX thread. */
    private final class ToArea extends Writer {
        @Override
        public void write(char[] cbuf, int off, int len) {
            String s = new String(cbuf, off, len);
            Platform.runLater(() -> lines.appendText(s));
        }

        @Override
        public void flush() {
            // every write is already on its way
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
