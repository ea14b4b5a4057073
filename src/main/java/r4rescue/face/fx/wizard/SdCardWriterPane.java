package r4rescue.face.fx.wizard;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import r4rescue.procedure.sdcard.BlockDisks;
import r4rescue.procedure.sdcard.HostPrivilege;
import r4rescue.procedure.sdcard.UDisks2;
import r4rescue.util.Texts;

/**
 * "Write the card here": the safe card list (removable, no system disk, up to 1 TB; refreshed every
 * second while shown, so a card appears when it is plugged in), a Write button, and the write and
 * verify progress in the step's own bar. The image is the one picked on the step; the writer checks
 * it again before the card is touched. The disks are read on a thread of its own: the FX thread never waits on sysfs.
 */
final class SdCardWriterPane extends VBox {

    private static final ExecutorService SCAN = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sdcard-scan");
        t.setDaemon(true);
        return t;
    });

    private final ComboBox<BlockDisks.Disk> cards = new ComboBox<>();
    private final CheckBox unsafe = new CheckBox(Texts.t("sdcard.fx.unsafe"));
    private final Label none = new Label();
    private volatile boolean scanning;

    SdCardWriterPane(WizardViewModel vm, StepPane step, Supplier<Path> image) {
        super(6);
        setId("sdCardWriter");
        Label title = new Label(Texts.t("sdcard.fx.title"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        cards.setId("sdCardDevice");
        cards.setPromptText(Texts.t("sdcard.fx.prompt"));
        cards.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(cards, Priority.ALWAYS);
        cards.setCellFactory(l -> new DiskCell());
        cards.setButtonCell(new DiskCell());
        unsafe.setId("sdCardUnsafe");
        unsafe.setWrapText(true); // a narrow wizard wraps it rather than cutting it short
        cards.setMinWidth(120); // the list gives way in a narrow wizard; the write button keeps its words
        unsafe.getStyleClass().add(Styles.TEXT_MUTED);
        unsafe.selectedProperty().addListener((o, a, b) -> scan());
        none.setWrapText(true);
        none.getStyleClass().add(Styles.TEXT_MUTED);
        Button write = new Button(Texts.t("sdcard.fx.write"));
        write.setId("writeSdCard");
        write.disableProperty().bind(cards.valueProperty().isNull().or(step.run().stateProperty().isEqualTo(StepRun.State.RUNNING)));
        String unsupported = HostPrivilege.unsupported();
        if (unsupported != null) {
            none.setText(unsupported);
            getChildren().addAll(title, none);
            return;
        }
        write.setOnAction(e -> {
            Path img = image.get();
            BlockDisks.Disk disk = cards.getValue();
            if (img == null) {
                step.say(StepRun.State.FAILED, Texts.t("sdcard.fx.pickImage"));
                return;
            }
            boolean bench = unsafe.isSelected();
            vm.run(step.run(), ctx -> {
                ctx.cooperative();
                ctx.boardState(() -> Texts.t("sdcard.fx.state", disk.path()));
                ctx.say(Texts.t("sdcard.fx.writing", img.getFileName(), disk.path()));
                UDisks2 udisks = UDisks2.find();
                try {
                    return HostPrivilege.writer(vm.board(), BlockDisks.host(), udisks)
                            .write(img, Path.of(disk.path()), bench, ctx::progress, ctx.cancel());
                } finally {
                    if (udisks != null) {
                        udisks.close();
                    }
                }
            }, r -> {
                Locale l = Texts.locale();
                step.say(StepRun.State.DONE, Texts.t("sdcard.fx.done", String.format(l, "%,d", r.bytes()), r.device(),
                        String.format(l, "%.1f", r.writeBytesPerSecond() / 1e6), r.sha256(), r.cardHead()) + "\n" + Texts.t("sdcard.ready"));
                step.completeProperty().set(true);
            });
        });
        HBox row = new HBox(8, cards, write);
        getChildren().addAll(title, row, none, unsafe);
        Timeline poll = new Timeline(new KeyFrame(Duration.seconds(1), e -> scan()));
        poll.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, a, s) -> {
            if (s == null) {
                poll.stop();
            } else {
                scan();
                poll.play();
            }
        });
    }

    /** Reads the disks off the FX thread; the list changes only when the disks did (a pick stays while its card is in). */
    private void scan() {
        if (scanning) {
            return;
        }
        scanning = true;
        boolean bench = unsafe.isSelected();
        SCAN.execute(() -> {
            List<BlockDisks.Disk> found;
            String error = null;
            try {
                found = BlockDisks.host().cards(bench);
            } catch (Exception ex) {
                found = List.of();
                error = Texts.t("sdcard.fx.scanFailed", ex.getMessage());
            }
            List<BlockDisks.Disk> list = found;
            String err = error;
            Platform.runLater(() -> {
                scanning = false;
                if (!list.equals(cards.getItems())) {
                    BlockDisks.Disk picked = cards.getValue();
                    cards.getItems().setAll(list);
                    cards.setValue(picked == null ? null : list.stream().filter(d -> d.path().equals(picked.path())).findFirst().orElse(null));
                }
                none.setText(err != null ? err : list.isEmpty() ? Texts.t("sdcard.fx.none") : "");
            });
        });
    }

    private static final class DiskCell extends ListCell<BlockDisks.Disk> {
        @Override
        protected void updateItem(BlockDisks.Disk d, boolean empty) {
            super.updateItem(d, empty);
            setText(empty || d == null ? null : d.line());
        }
    }
}
