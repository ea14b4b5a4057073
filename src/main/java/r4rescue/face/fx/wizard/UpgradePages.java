package r4rescue.face.fx.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import r4rescue.procedure.core.Event;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.upgrade.KernelModules;
import r4rescue.procedure.upgrade.NvmeUpgrade;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.util.Texts;

/**
 * The pages of "Upgrade OpenWrt on the SSD" ({@code r4-rescue upgrade} in the window): the build's two
 * files checked on this computer as the CLI checks them, the board read and what will be kept and
 * replaced confirmed, the upgrade itself (progress, Cancel at the procedure's next safe point), and
 * the proof. The board work is {@link NvmeUpgrade}'s, run through the migration pages' shell runner.
 */
final class UpgradePages {

    /** What the confirm page read from the board: the running slot and the kernel against its modules. */
    private record BoardNow(AbSlots.Status slots, KernelModules.Match modules) {
    }

    private final WizardViewModel vm;
    private final MigrationPages runner;
    private final MigrateConfig cfg = MigrateConfig.load();
    private final ObjectProperty<NvmeUpgrade.Build> build = new SimpleObjectProperty<>();
    private final ObjectProperty<BoardNow> board = new SimpleObjectProperty<>();
    private final ObjectProperty<NvmeUpgrade.Report> report = new SimpleObjectProperty<>();
    private final CheckBox keep = new CheckBox(Texts.t("upgradeui.pick.keep"));
    private final TextField backup = new TextField();
    /** The proof's evidence from the run: the root by device number, the kernel against /lib/modules. */
    private final List<String> proof = new CopyOnWriteArrayList<>();

    UpgradePages(WizardViewModel vm) {
        this.vm = vm;
        this.runner = new MigrationPages(vm);
    }

    List<StepPane> pages() {
        return List.of(pick(), confirm(), run(), result());
    }

    StepPane pick() {
        StepPane p = new StepPane("step-uPick", Texts.t("upgradeui.pick.title"), Texts.t("upgradeui.pick.hands"),
                Texts.t("upgradeui.pick.checks"));
        FileField kernel = new FileField("upgradeKernel", Texts.t("upgradeui.pick.kernel"), Texts.t("upgradeui.pick.kernel.prompt"));
        FileField rootfs = new FileField("upgradeRootfs", Texts.t("upgradeui.pick.rootfs"), Texts.t("upgradeui.pick.rootfs.prompt"));
        backup.setId("upgradeBackup");
        backup.setPromptText(Texts.t("upgradeui.pick.backup.prompt"));
        keep.setId("upgradeKeep");
        keep.setSelected(true);
        keep.setWrapText(true);
        // another file, folder or choice: checked again before the board is read
        for (var prop : List.of(kernel.field().textProperty(), rootfs.field().textProperty(), backup.textProperty())) {
            prop.addListener((o, a, b) -> forget(p));
        }
        keep.selectedProperty().addListener((o, a, b) -> board.set(null));
        Button check = new Button(Texts.t("upgradeui.pick.check"));
        check.setId("upgradeCheck");
        check.setDefaultButton(true);
        check.setOnAction(e -> {
            Path k = kernel.path();
            Path r = rootfs.path();
            Path b = backupPath();
            if (k == null || r == null || b == null) {
                p.say(StepRun.State.FAILED, Texts.t("upgradeui.pick.first"));
                return;
            }
            // the files are read on the wizard's thread; no byte goes to the board here
            vm.run(p.run(), ctx -> {
                ctx.boardState(() -> Texts.t("upgradeui.pick.untouched"));
                Path dir = b.toAbsolutePath().getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw new IOException(Texts.t("upgrade.cli.no-folder", b));
                }
                try {
                    return NvmeUpgrade.check(k, r);
                } catch (IOException x) {
                    throw new IOException(Texts.t("upgrade.cli.refused", x.getMessage()), x);
                }
            }, ok -> {
                build.set(ok);
                p.say(StepRun.State.DONE, Texts.t("upgradeui.pick.ok", k.getFileName(), r.getFileName(), ok.release()));
                p.completeProperty().set(true);
            });
        });
        VBox backupBox = new VBox(2, new Label(Texts.t("upgradeui.pick.backup")), backup);
        return p.content(kernel, rootfs, backupBox, keep).action(check);
    }

    private void forget(StepPane pick) {
        build.set(null);
        board.set(null);
        pick.completeProperty().set(false);
    }

    private Path backupPath() {
        String t = backup.getText() == null ? "" : backup.getText().strip();
        return t.isEmpty() ? null : Path.of(t);
    }

    private Path packageList(Path backupFile) {
        return backupFile.resolveSibling(backupFile.getFileName() + ".packages.txt");
    }

    StepPane confirm() {
        StepPane p = new StepPane("step-uConfirm", Texts.t("upgradeui.confirm.title"), Texts.t("upgradeui.confirm.hands"),
                Texts.t("upgradeui.confirm.checks"));
        Label now = MigrationPages.monoLabel("upgradeBoardNow");
        Label plan = new Label();
        plan.setId("upgradePlan");
        plan.setWrapText(true);
        plan.visibleProperty().bind(board.isNotNull());
        plan.managedProperty().bind(plan.visibleProperty());
        CheckBox agree = new CheckBox();
        agree.setId("upgradeAgree");
        agree.setWrapText(true);
        agree.visibleProperty().bind(board.isNotNull());
        agree.managedProperty().bind(agree.visibleProperty());
        board.addListener((o, a, b) -> {
            agree.setSelected(false);
            if (b == null) {
                now.setText("");
                return;
            }
            String next = other(b.slots().activeSlot());
            now.setText(boardWords(b));
            plan.setText(planWords(b, next));
            agree.setText(Texts.t("upgradeui.confirm.agree", next));
        });
        p.completeProperty().bind(board.isNotNull().and(agree.selectedProperty()));
        Button read = new Button(Texts.t("upgradeui.confirm.read"));
        read.setId("upgradeRead");
        read.setDefaultButton(true);
        read.setOnAction(e -> {
            if (build.get() == null) {
                p.say(StepRun.State.FAILED, Texts.t("upgradeui.confirm.pickFirst"));
                return;
            }
            board.set(null);
            vm.run(p.run(), ctx -> runner.procedure(ctx, null, (steps, sh) -> {
                AbSlots.Status st = new AbSlots(steps, cfg, cfg.device()).status();
                return new BoardNow(st, KernelModules.check(steps));
            }), b -> {
                if (b.slots().activeSlot().equals("none")) {
                    now.setText(b.slots().cmdline());
                    p.say(StepRun.State.FAILED, Texts.t("upgrade.refuse.no-slot", MigrateConfig.partition(cfg.device(), 1),
                            MigrateConfig.partition(cfg.device(), 2)));
                    return;
                }
                board.set(b);
                p.say(StepRun.State.DONE, Texts.t("upgradeui.confirm.read.done"));
            });
        });
        return p.content(now, plan, agree).action(read);
    }

    private static String other(String slot) {
        return slot.equals("A") ? "B" : "A";
    }

    private static AbSlots.Slot slot(AbSlots.Status st, String name) {
        return st.slots().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** The board as read: the running slot, its release, the kernel and its modules. */
    private static String boardWords(BoardNow b) {
        AbSlots.Slot run = slot(b.slots(), b.slots().activeSlot());
        return Texts.t("upgradeui.confirm.now", run.name(), run.partition(), release(run), b.modules().kernel())
                + "\n" + b.modules().words();
    }

    private static String release(AbSlots.Slot s) {
        return s.release().isEmpty() ? Texts.t("fx.migrate.slots.noRelease") : "OpenWrt " + s.release();
    }

    /** What the upgrade replaces and what it keeps, in the files and slots of this board. */
    private String planWords(BoardNow b, String next) {
        NvmeUpgrade.Build f = build.get();
        AbSlots.Slot target = slot(b.slots(), next);
        AbSlots.Slot running = slot(b.slots(), b.slots().activeSlot());
        Path bk = backupPath();
        return Texts.t("upgradeui.confirm.replaced", target.name(), target.partition(), release(target), f.rootfs().getFileName(),
                f.kernel().getFileName(), f.release())
                + "\n" + Texts.t("upgradeui.confirm.kept", running.name(), running.partition(), bk, packageList(bk))
                + "\n" + Texts.t(keep.isSelected() ? "upgradeui.confirm.settings" : "upgradeui.confirm.clean");
    }

    StepPane run() {
        StepPane p = new StepPane("step-uRun", Texts.t("upgradeui.run.title"), Texts.t("upgradeui.run.hands"),
                Texts.t("upgradeui.run.checks"));
        Label journal = MigrationPages.monoLabel("upgradeJournal");
        Button go = new Button(Texts.t("upgradeui.run.button"));
        go.setId("upgradeRun");
        go.getStyleClass().add(Styles.DANGER);
        go.setOnAction(e -> {
            NvmeUpgrade.Build f = build.get();
            Path bk = backupPath();
            if (f == null || board.get() == null || bk == null) {
                p.say(StepRun.State.FAILED, Texts.t("upgradeui.run.confirmFirst"));
                return;
            }
            boolean keepSettings = keep.isSelected();
            StringBuilder steps = new StringBuilder();
            proof.clear();
            List<Event> found = new CopyOnWriteArrayList<>();
            vm.run(p.run(), ctx -> {
                try {
                    return runner.procedure(ctx, steps, ev -> {
                        if (ev.kind() == Event.Kind.INFO && !ev.message().isBlank()) {
                            found.add(ev);
                        }
                    }, true, (s, sh) -> {
                        ConsoleFileTransfer xfer = new ConsoleFileTransfer(sh);
                        xfer.onProgress(t -> ctx.progress(Texts.t("upgradeui.run.sending", t.file()), t.done(), t.total()));
                        // the user ticked on the confirm page that the inactive slot is formatted: that is the procedure's question answered
                        return new NvmeUpgrade(s, cfg, cfg.device()).run(f, keepSettings, bk, packageList(bk), xfer,
                                runner.env(s, ctx), question -> true);
                    });
                } finally {
                    String j = steps.toString().strip();
                    Platform.runLater(() -> journal.setText(j));
                }
            }, r -> {
                for (Event ev : found) {
                    if ("upgrade.prove.step".equals(ev.stepId()) || "upgrade.modules.step".equals(ev.stepId())) {
                        proof.add(ev.message().strip());
                    }
                }
                report.set(r);
                p.say(StepRun.State.DONE, Texts.t("upgrade.cli.done", r.slot(), r.partition(), r.release()));
                p.completeProperty().set(true);
            });
        });
        return p.content(MigrationPages.details("upgradeDetails", Texts.t("upgradeui.run.details"), journal)).action(go);
    }

    StepPane result() {
        StepPane p = new StepPane("step-uResult", Texts.t("upgradeui.result.title"), null, Texts.t("upgradeui.result.checks"));
        Label proven = new Label();
        proven.setId("upgradeProof");
        proven.setWrapText(true);
        proven.getStyleClass().add(Styles.TEXT_BOLD);
        Label evidence = MigrationPages.monoLabel("upgradeEvidence");
        Label saved = new Label();
        saved.setId("upgradeSaved");
        saved.setWrapText(true);
        p.onShow(() -> {
            NvmeUpgrade.Report r = report.get();
            if (r == null) {
                return;
            }
            proven.setText(Texts.t("upgrade.cli.done", r.slot(), r.partition(), r.release()));
            evidence.setText(String.join("\n", proof));
            saved.setText(Texts.t("upgrade.cli.saved", backupPath(), r.backupSha(), r.packageList(), Integer.toString(r.packages()))
                    + "\n" + Texts.t("upgradeui.result.rollback", other(r.slot())));
            p.completeProperty().set(true);
        });
        return p.content(proven, evidence, saved);
    }
}
