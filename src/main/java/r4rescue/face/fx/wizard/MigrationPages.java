package r4rescue.face.fx.wizard;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import atlantafx.base.theme.Styles;

import r4rescue.AppDirs;
import r4rescue.board.Medium;
import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.bootenv.UBootEnvAccess;
import r4rescue.procedure.checklist.ProductionChecklist;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.ExtrootRoute;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.MigrationRoute;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.procedure.migrate.PreflightReport;
import r4rescue.procedure.migrate.SsdLayout;
import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.slots.RootfsArchive;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.util.Texts;

/**
 * The pages of "Move the root to the NVMe SSD": preflight, partition and copy, point the root and
 * prove it (with Roll back), then the A/B slots and the production checklist. Where the preflight
 * picks OpenWrt's extroot (NVMe as a module), the same pages copy the overlay, enable its fstab
 * mount, reboot and prove /overlay on the SSD, and Roll back disables that mount. Each page runs the
 * migration procedure on the wizard's thread over a shell on the running OpenWrt; the procedure's
 * own step evidence is what the pages show, so new checks and routes appear without changes here.
 */
final class MigrationPages {

    /** Board work on a fresh shell: the procedure's steps report to the page. */
    @FunctionalInterface
    interface Body<T> {
        T run(ShellProcedure steps, ShellDriver shell) throws Exception;
    }

    private static final long BOOT_TIMEOUT_MS = 10 * 60_000L;
    private static final String BOARD_TARBALL = "/tmp/r4rescue-rootfs.tar.gz";

    private final WizardViewModel vm;
    private final MigrateConfig cfg = MigrateConfig.load();
    private final String device;
    private final ObjectProperty<PreflightReport> preflight = new SimpleObjectProperty<>();
    private final ObjectProperty<SsdLayout> layout = new SimpleObjectProperty<>();
    /** The last reboot that did not prove its root (its step says whether Linux came back), for Roll back. */
    private volatile Stopped lastRebootFailure;
    /** The shell of that reboot, kept for the rollback from U-Boot (its prompt is learned); used on the wizard's thread. */
    private volatile ShellDriver hangingShell;

    MigrationPages(WizardViewModel vm) {
        this.vm = vm;
        this.device = cfg.device();
        layout.set(SsdLayout.single(cfg));
    }

    List<StepPane> pages() {
        return List.of(preflight(), copy(), reboot(), slots(), checklist());
    }

    /** For a board whose root already runs from the SSD. */
    List<StepPane> afterMigration() {
        return List.of(slots(), checklist());
    }

    StepPane preflight() {
        StepPane p = new StepPane("step-mPreflight", Texts.t("fx.migrate.look.title"), Texts.t("fx.migrate.look.hands"),
                Texts.t("fx.migrate.look.checks"));
        Label report = monoLabel("preflightReport");
        ToggleGroup group = new ToggleGroup();
        RadioButton single = new RadioButton(Texts.t("fx.migrate.layout.single", cfg.singleLabel()));
        single.setId("layoutSingle");
        RadioButton ab = new RadioButton(Texts.t("fx.migrate.layout.ab", String.join(", ", cfg.abLabels()), cfg.abRootMiB()));
        ab.setId("layoutAb");
        ab.setWrapText(true);
        single.setToggleGroup(group);
        ab.setToggleGroup(group);
        single.setSelected(true);
        group.selectedToggleProperty().addListener((o, a, t) ->
                layout.set(t == ab ? SsdLayout.ab(cfg, cfg.abRootMiB()) : SsdLayout.single(cfg)));
        VBox layoutBox = new VBox(4, bold(Texts.t("fx.migrate.layout")), single, ab);
        Button look = new Button(Texts.t("fx.migrate.look.button"));
        look.setId("runPreflight");
        look.setDefaultButton(true);
        // Offered only when the preflight found that the board lacks packages and reaches the package server.
        Button install = new Button(Texts.t("fx.migrate.install"));
        install.setId("installPackages");
        install.setVisible(false);
        install.managedProperty().bind(install.visibleProperty());
        java.util.function.Consumer<Boolean> lookThen = installFirst -> {
            StringBuilder journal = new StringBuilder();
            vm.run(p.run(), ctx -> procedure(ctx, journal, (steps, sh) -> {
                var seen = ctx.watch().seen();
                String medium = seen.bootDevice() == null ? null : "BL2 from " + seen.bootDevice();
                NvmeMigration m = new NvmeMigration(steps, cfg, device);
                if (installFirst) {
                    m.installPackages(m.preflight(medium).route());
                }
                return m.preflight(medium);
            }), pf -> {
                report.setText(journal.toString().strip());
                boolean go = pf.route().canMigrate() || pf.route().canRunExtroot();
                preflight.set(go ? pf : null);
                install.setVisible(pf.route().install() != null);
                install.setText(Texts.t("fx.migrate.installThese", pf.route().install() == null ? "" : pf.route().install()));
                p.say(go ? StepRun.State.DONE : StepRun.State.FAILED, plainWords(pf));
                p.completeProperty().set(go);
            });
        };
        look.setOnAction(e -> lookThen.accept(false));
        install.setOnAction(e -> lookThen.accept(true));
        return p.content(layoutBox, details("preflightDetails", Texts.t("fx.migrate.look.details"), report)).action(look, install);
    }

    /** The report in plain words: the route and why (the procedure's own words), the SSD, and what would be erased. */
    private String plainWords(PreflightReport pf) {
        MigrationRoute r = pf.route();
        boolean extroot = r.canRunExtroot();
        String route = Texts.t(r.canMigrate() || extroot ? "fx.migrate.route" : "fx.migrate.cannotMove", r.why())
                + (r.reasons().isEmpty() ? "" : "\n" + String.join("\n", r.reasons()))
                + (r.commands().isEmpty() ? "" : "\n" + Texts.t("fx.migrate.runFirst", String.join("; ", r.commands())));
        if (extroot) {
            return route + "\n" + Texts.t("fx.migrate.extroot.ssd", pf.device(), size(pf.deviceBytes())) + "\n"
                    + dataWords(pf) + Texts.t("fx.migrate.extroot.rollback");
        }
        if (!r.canMigrate()) {
            return route;
        }
        return route + "\n" + Texts.t("fx.migrate.root.ssd", pf.device(), size(pf.deviceBytes()), size(pf.rootUsedBytes())) + "\n"
                + dataWords(pf)
                + Texts.t(pf.fwEnv() ? "fx.migrate.root.fwEnv" : "fx.migrate.root.noFwEnv")
                + "\n" + Texts.t("fx.migrate.root.bootloader", pf.bootloader());
    }

    /** What is on the SSD, and whether it is mounted: a line each. */
    private static String dataWords(PreflightReport pf) {
        return Texts.t(pf.hasData() ? "fx.migrate.data.erased" : "fx.migrate.data.none", pf.dataSummary()) + "\n"
                + (pf.mounted().isEmpty() ? "" : Texts.t("fx.migrate.data.mounted", String.join("; ", pf.mounted())) + "\n");
    }

    StepPane copy() {
        StepPane p = new StepPane("step-mCopy", Texts.t("fx.migrate.copy.title"), Texts.t("fx.migrate.copy.hands"),
                Texts.t("fx.migrate.copy.checks"));
        Label plan = new Label();
        plan.setId("copyPlan");
        plan.setWrapText(true);
        TextField confirm = new TextField();
        confirm.setId("confirmDevice");
        confirm.setPromptText(Texts.t("fx.migrate.confirm.prompt", device));
        VBox confirmBox = new VBox(2, new Label(Texts.t("fx.migrate.confirm")), confirm);
        confirmBox.setId("confirmDeviceBox");
        Label report = monoLabel("copyReport");
        p.onShow(() -> {
            PreflightReport pf = preflight.get();
            SsdLayout l = layout.get();
            confirmBox.setVisible(pf != null && pf.hasData());
            confirmBox.setManaged(confirmBox.isVisible());
            plan.setText(pf == null ? Texts.t("fx.migrate.lookFirst")
                    : extroot(pf) ? Texts.t("fx.migrate.plan.extroot", device, pf.dataSummary())
                    : l.kind() == SsdLayout.Kind.SINGLE
                            ? Texts.t("fx.migrate.plan.single", device, pf.dataSummary(), cfg.singleLabel(), size(pf.rootUsedBytes()))
                            : Texts.t("fx.migrate.plan.ab", device, pf.dataSummary(), String.join(", ", l.labels()), l.rootMiB(),
                                    size(pf.rootUsedBytes())));
        });
        Button go = new Button(Texts.t("fx.migrate.copy.button"));
        go.setId("copyRoot");
        go.getStyleClass().add(Styles.DANGER);
        go.setOnAction(e -> {
            PreflightReport pf = preflight.get();
            if (pf == null) {
                p.say(StepRun.State.FAILED, Texts.t("fx.migrate.lookFirst"));
                return;
            }
            SsdLayout l = layout.get();
            String typed = confirm.getText() == null ? null : confirm.getText().strip();
            StringBuilder journal = new StringBuilder();
            if (extroot(pf)) {
                vm.run(p.run(), ctx -> procedure(ctx, journal, (steps, sh) -> {
                    String part = new NvmeMigration(steps, cfg, device).partition(pf, SsdLayout.single(cfg), typed).get(0);
                    ExtrootRoute x = new ExtrootRoute(steps, cfg);
                    ExtrootRoute.CopyReport copied = x.copyOverlay(part);
                    x.enable(part, pf.tools().contains("hexdump"));
                    return new Copied(part, new NvmeMigration.CopyReport(copied.files(), copied.bytes(), 0));
                }), c -> {
                    report.setText(journal.toString().strip());
                    p.say(StepRun.State.DONE, Texts.t("fx.migrate.copied.extroot", count(c.report().files()), size(c.report().bytes()), c.partition()));
                    p.completeProperty().set(true);
                });
                return;
            }
            vm.run(p.run(), ctx -> {
                CopyProgress progress = new CopyProgress(ctx::progress, pf.rootUsedBytes());
                return procedure(ctx, journal, progress, true, (steps, sh) -> {
                    NvmeMigration m = new NvmeMigration(steps, cfg, device);
                    List<String> parts = m.partition(pf, l, typed);
                    try (CopyProgress.Ticker t = progress.start()) {
                        return new Copied(parts.get(0), m.copy(parts.get(0)));
                    }
                });
            }, c -> {
                report.setText(journal.toString().strip());
                p.say(StepRun.State.DONE, Texts.t("fx.migrate.copied", count(c.report().files()), size(c.report().bytes()), c.partition(), c.report().sampled()));
                p.completeProperty().set(true);
            });
        });
        return p.content(plan, confirmBox, details("copyDetails", Texts.t("fx.migrate.copy.details"), report)).action(go);
    }

    private record Copied(String partition, NvmeMigration.CopyReport report) {
    }

    StepPane reboot() {
        String target = MigrateConfig.partition(device, 1);
        StepPane p = new StepPane("step-mReboot", Texts.t("fx.migrate.reboot.title"), Texts.t("fx.migrate.reboot.hands"),
                Texts.t("fx.migrate.reboot.checks", cfg.savedBootargsVariable()));
        Label proof = monoLabel("rebootProof");
        Label plan = new Label();
        plan.setId("rebootPlan");
        plan.setWrapText(true);
        p.onShow(() -> plan.setText(extroot(preflight.get())
                ? Texts.t("fx.migrate.reboot.extroot", target, ExtrootRoute.SECTION)
                : ""));
        Button go = new Button(Texts.t("fx.migrate.reboot.button"));
        go.setId("rebootProve");
        go.setDefaultButton(true);
        go.setOnAction(e -> {
            if (extroot(preflight.get())) {
                vm.run(p.run(), ctx -> procedure(ctx, null, (steps, sh) -> new ExtrootRoute(steps, cfg).rebootAndProve(target, BOOT_TIMEOUT_MS)),
                        ev -> {
                            proof.setText(ev);
                            p.say(StepRun.State.DONE, Texts.t("fx.migrate.proven.extroot", target));
                            p.completeProperty().set(true);
                        });
                return;
            }
            vm.run(p.run(), ctx -> procedure(ctx, null, (steps, sh) -> {
                NvmeMigration m = new NvmeMigration(steps, cfg, device);
                BootloaderEnv env = env(steps, ctx);
                m.pointRoot(env, target);
                return proven(() -> m.rebootAndProve(target, BOOT_TIMEOUT_MS, env));
            }), r -> {
                proof.setText(r.df());
                p.say(StepRun.State.DONE, Texts.t("fx.migrate.proven", target, r.cmdline()));
                p.completeProperty().set(true);
            });
        });
        return p.content(plan, proof).action(go, rollBack(p, proof, target));
    }

    /** Whether the preflight chose OpenWrt's extroot (and it may run). */
    private static boolean extroot(PreflightReport pf) {
        return pf != null && pf.route().canRunExtroot();
    }

    /**
     * Roll back: puts the saved root back (from U-Boot if the new root never came up) and proves it; on the
     * extroot route, disables the /overlay mount, reboots and proves the flash's overlay is back.
     */
    private Button rollBack(StepPane p, Label proof, String target) {
        Button b = new Button(Texts.t("fx.migrate.rollback"));
        b.setId("rollBack");
        b.setOnAction(e -> {
            if (extroot(preflight.get())) {
                vm.run(p.run(), ctx -> procedure(ctx, null, (steps, sh) -> new ExtrootRoute(steps, cfg).rollback(target, BOOT_TIMEOUT_MS)),
                        ev -> {
                            proof.setText(ev);
                            p.say(StepRun.State.DONE, Texts.t("fx.migrate.rolledBack.extroot", target));
                            p.completeProperty().set(false);
                        });
                return;
            }
            rollBack(p, (steps, sh) -> null, r -> {
                proof.setText(r.report().df());
                p.say(StepRun.State.DONE, Texts.t("fx.migrate.rolledBack", r.report().cmdline()));
                p.completeProperty().set(false);
            });
        });
        return b;
    }

    private record RolledBack<T>(NvmeMigration.RebootReport report, T after) {
    }

    /**
     * Puts the saved root back and proves it, then runs {@code after}: through the running Linux, or, when the
     * last reboot never reached a shell (the new root did not come up), from U-Boot at the board's next start.
     */
    private <T> void rollBack(StepPane p, Body<T> after, java.util.function.Consumer<RolledBack<T>> onDone) {
        Stopped failure = lastRebootFailure;
        boolean hanging = hungInReboot(failure);
        vm.run(p.run(), ctx -> procedure(ctx, null, null, !hanging, (steps, sh) -> {
            NvmeMigration m = new NvmeMigration(steps, cfg, device);
            NvmeMigration.RebootReport r;
            if (hanging) {
                r = proven(() -> m.switchBack(UBootEnvAccess.afterFailedBoot(sh, vm.board(), Duration.ofMinutes(10),
                        ev -> hold(ctx, ev)).onCommand(steps.procedure()::command), BOOT_TIMEOUT_MS));
            } else {
                BootloaderEnv env = env(steps, ctx);
                String back = KernelCmdline.root(m.rollback(env)).orElse("");
                r = proven(() -> m.rebootAndProve(back, BOOT_TIMEOUT_MS, env));
            }
            return new RolledBack<>(r, after.run(steps, sh));
        }), onDone);
    }

    @FunctionalInterface
    private interface Reboot {
        NvmeMigration.RebootReport run() throws Stopped;
    }

    /** Whether {@code f} stopped in NvmeMigration's reboot (the new root never gave a shell), by the step's id. */
    static boolean hungInReboot(Stopped f) {
        return f != null && "proc.nvme.reboot".equals(f.stepId());
    }

    /** Runs a reboot-and-prove, keeping a failure for Roll back. */
    private NvmeMigration.RebootReport proven(Reboot r) throws Stopped {
        try {
            NvmeMigration.RebootReport report = r.run();
            lastRebootFailure = null;
            return report;
        } catch (Stopped e) {
            lastRebootFailure = e;
            throw e;
        }
    }

    StepPane slots() {
        StepPane p = new StepPane("step-mSlots", Texts.t("fx.migrate.slots.title"), Texts.t("fx.migrate.slots.hands"),
                Texts.t("fx.migrate.slots.checks"));
        p.completeProperty().set(true);
        Label status = monoLabel("slotStatusText");
        Button show = new Button(Texts.t("fx.migrate.slots.status"));
        show.setId("slotStatus");
        show.setOnAction(e -> vm.run(p.run(), ctx -> procedure(ctx, null, (steps, sh) -> new AbSlots(steps, cfg, device).status()),
                st -> showSlots(p, status, st)));
        Button sw = new Button(Texts.t("fx.migrate.slots.switch"));
        sw.setId("slotSwitch");
        sw.setOnAction(e -> vm.run(p.run(), ctx -> procedure(ctx, null, (steps, sh) -> {
            AbSlots ab = new AbSlots(steps, cfg, device);
            AbSlots.Status st = ab.status();
            if (st.activeSlot().equals("none")) {
                throw steps.refuse(Texts.t("fx.migrate.slots.notAb", st.cmdline()));
            }
            String other = st.activeSlot().equals("A") ? "B" : "A";
            BootloaderEnv env = env(steps, ctx);
            ab.switchTo(other, env);
            proven(() -> new NvmeMigration(steps, cfg, device).rebootAndProve(ab.partition(other), BOOT_TIMEOUT_MS, env));
            return ab.status();
        }), st -> showSlots(p, status, st)));
        Button back = new Button(Texts.t("fx.migrate.slots.rollback"));
        back.setId("slotRollback");
        back.setOnAction(e -> rollBack(p, (steps, sh) -> new AbSlots(steps, cfg, device).status(), r -> showSlots(p, status, r.after())));

        FileField tarball = new FileField("slotTarball", Texts.t("fx.migrate.slots.archive"), Texts.t("fx.migrate.slots.archive.prompt"));
        CheckBox sure = new CheckBox(Texts.t("fx.migrate.slots.format"));
        sure.setId("slotUpgradeConfirm");
        sure.setWrapText(true);
        Button upgrade = new Button(Texts.t("fx.migrate.slots.upgrade"));
        upgrade.setId("slotUpgrade");
        upgrade.disableProperty().bind(p.run().stateProperty().isEqualTo(StepRun.State.RUNNING));
        upgrade.setOnAction(e -> {
            Path file = tarball.path();
            if (file == null || !sure.isSelected()) {
                p.say(StepRun.State.FAILED, Texts.t(file == null ? "fx.migrate.slots.pickFirst" : "fx.migrate.slots.tickFirst"));
                return;
            }
            vm.run(p.run(), ctx -> {
                RootfsArchive.Check c = RootfsArchive.check(file);
                if (!c.hasInit()) {
                    throw new IOException(Texts.t("fx.migrate.slots.noInit", file.getFileName()));
                }
                return procedure(ctx, null, (steps, sh) -> {
                    ConsoleFileTransfer xfer = new ConsoleFileTransfer(sh);
                    xfer.onProgress(t -> ctx.progress(Texts.t("fx.migrate.slots.sending", file.getFileName()), t.done(), t.total()));
                    steps.check(Texts.t("fx.migrate.slots.send", file.getFileName(), BOARD_TARBALL), () -> Texts.t("fx.migrate.slots.sent",
                            xfer.upload(Files.readAllBytes(file), BOARD_TARBALL, steps.token())));
                    AbSlots ab = new AbSlots(steps, cfg, device);
                    // the user ticked "Format the inactive slot" before starting: that is the answer to the procedure's question
                    ab.upgradeInactive(BOARD_TARBALL, env(steps, ctx), question -> true);
                    return ab.status();
                });
            }, st -> {
                sure.setSelected(false);
                showSlots(p, status, st);
            });
        });
        VBox upgradeBox = new VBox(6, bold(Texts.t("fx.migrate.slots.upgradeTitle")), tarball, sure, upgrade);
        return p.content(status, upgradeBox).action(show, sw, back);
    }

    private void showSlots(StepPane p, Label status, AbSlots.Status st) {
        StringBuilder b = new StringBuilder(Texts.t("fx.migrate.slots.active", st.activeSlot()));
        for (AbSlots.Slot s : st.slots()) {
            b.append("\n  ").append(s.name()).append(": ").append(s.partition()).append(s.active() ? " " + Texts.t("fx.migrate.slots.running") : "")
                    .append(s.label().isEmpty() ? "" : " " + Texts.t("fx.migrate.slots.label", s.label()))
                    .append(" — ").append(s.release().isEmpty() ? Texts.t("fx.migrate.slots.noRelease") : "OpenWrt " + s.release());
        }
        status.setText(b.toString());
        boolean abLayout = st.slots().stream().anyMatch(s -> cfg.abLabels().contains(s.label()));
        p.say(StepRun.State.DONE, st.activeSlot().equals("none") ? Texts.t("fx.migrate.slots.noneRuns", st.cmdline())
                : Texts.t("fx.migrate.slots.runs", st.activeSlot())
                        + (abLayout ? "" : " " + Texts.t("fx.migrate.slots.noAb", String.join(", ", cfg.abLabels()))));
    }

    StepPane checklist() {
        StepPane p = new StepPane("step-mChecklist", Texts.t("fx.checklist.title"), Texts.t("fx.checklist.hands"),
                Texts.t("fx.checklist.checks"));
        VBox attest = new VBox(4, bold(Texts.t("fx.checklist.confirm")));
        Map<String, CheckBox> boxes = new LinkedHashMap<>();
        for (ProductionChecklist.Item item : ProductionChecklist.items()) {
            if (item.mode().equals("attest")) {
                CheckBox c = new CheckBox(item.text());
                c.setId("attest-" + item.id());
                c.setWrapText(true);
                boxes.put(item.id(), c);
                attest.getChildren().add(c);
            }
        }
        GridPane results = new GridPane();
        results.setId("checklistResults");
        results.setHgap(10);
        results.setVgap(6);
        ObjectProperty<ProductionChecklist.Report> report = new SimpleObjectProperty<>();
        Button run = new Button(Texts.t("fx.checklist.run"));
        run.setId("runChecklist");
        run.setDefaultButton(true);
        run.setOnAction(e -> {
            Map<String, ProductionChecklist.Attestation> given = new LinkedHashMap<>();
            boxes.forEach((id, c) -> {
                if (c.isSelected()) {
                    given.put(id, new ProductionChecklist.Attestation(System.getProperty("user.name"), LocalDate.now().toString(), null));
                }
            });
            String port = vm.main().portProperty().get();
            vm.run(p.run(), ctx -> procedure(ctx, null, (steps, sh) -> {
                var seen = ctx.watch().seen();
                return new ProductionChecklist(steps, cfg, device).sdBootsIn(AppDirs.forThisUser().logs(), vm.board().bootDevice(Medium.SD))
                        .run(seen.bootDevice() == null ? null : "BL2 from " + seen.bootDevice(), port, given, env(steps, ctx));
            }), r -> {
                report.set(r);
                showChecks(results, r);
                p.say(r.passed() ? StepRun.State.DONE : StepRun.State.FAILED, r.passed()
                        ? Texts.t("fx.checklist.ready")
                        : Texts.t("fx.checklist.notReady"));
                p.completeProperty().set(true);
            });
        });
        TextField path = new TextField();
        path.setId("reportPath");
        path.setPromptText(Texts.t("fx.checklist.path.prompt"));
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button(Texts.t("fx.file.browse"));
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(Texts.t("fx.checklist.saveTitle"));
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Markdown", "*.md"),
                    new FileChooser.ExtensionFilter(Texts.t("fx.checklist.htmlPage"), "*.html"), new FileChooser.ExtensionFilter("JSON", "*.json"));
            fc.setInitialFileName("bpi-r4-checklist.md");
            File f = fc.showSaveDialog(p.getScene() == null ? null : p.getScene().getWindow());
            if (f != null) {
                path.setText(f.getAbsolutePath());
            }
        });
        Button save = new Button(Texts.t("fx.checklist.save"));
        save.setId("saveReport");
        save.disableProperty().bind(report.isNull());
        save.setOnAction(e -> {
            String text = path.getText() == null ? "" : path.getText().strip();
            ProductionChecklist.Report r = report.get();
            if (text.isEmpty()) {
                p.say(StepRun.State.FAILED, Texts.t("fx.checklist.pathFirst"));
                return;
            }
            Path file = Path.of(text);
            Format f = Format.of(file);
            // written on the wizard's thread: the FX thread never waits on the disk
            vm.run(p.run(), ctx -> Files.writeString(file, f.text(r), StandardCharsets.UTF_8),
                    written -> p.say(StepRun.State.DONE, Texts.t("fx.checklist.saved", f.label, written)));
        });
        HBox saveRow = new HBox(6, path, browse);
        saveRow.setAlignment(Pos.CENTER_LEFT);
        return p.content(attest, results, bold(Texts.t("fx.checklist.saveTo")), saveRow).action(run, save);
    }

    /** One row per check: its status as a badge, what it checks, and the board's evidence. */
    private static void showChecks(GridPane grid, ProductionChecklist.Report r) {
        grid.getChildren().clear();
        int row = 0;
        for (ProductionChecklist.Result x : r.items()) {
            Label status = new Label(x.status().name().replace('_', ' '));
            status.getStyleClass().addAll(Styles.TEXT_BOLD, switch (x.status()) {
                case PASS, ATTESTED -> Styles.SUCCESS;
                case FAIL, NOT_ATTESTED -> Styles.DANGER;
                case NOT_APPLICABLE -> Styles.TEXT_MUTED;
            });
            status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label text = new Label(x.text());
            text.setWrapText(true);
            Label evidence = new Label(x.evidence());
            evidence.setWrapText(true);
            evidence.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            grid.addRow(row++, status, new VBox(1, text, evidence));
        }
    }

    /** The report formats ProductionChecklist writes, chosen by the file name's ending (as the CLI's --report). */
    enum Format {
        MARKDOWN("Markdown"), HTML("HTML"), JSON("JSON");

        final String label;

        Format(String label) {
            this.label = label;
        }

        static Format of(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.matches(".*\\.html?") ? HTML : n.endsWith(".json") ? JSON : MARKDOWN;
        }

        String text(ProductionChecklist.Report r) {
            return switch (this) {
                case MARKDOWN -> r.markdown();
                case HTML -> r.html();
                case JSON -> r.json();
            };
        }
    }

    <T> T procedure(WizardViewModel.Ctx ctx, StringBuilder journal, Body<T> body) throws Exception {
        return procedure(ctx, journal, null, true, body);
    }

    /**
     * Runs {@code body} on a shell of its own over the wizard's console ({@code activate}: pressing Enter
     * and learning the prompt first; not for a board whose boot hangs), on the procedure runtime: each
     * step's commands go to Commands, its evidence to {@code journal}, the board's state to the page;
     * Cancel reaches the procedure's next safe point. A stop says the procedure's message and the state
     * it left the board in.
     */
    <T> T procedure(WizardViewModel.Ctx ctx, StringBuilder journal, Consumer<Event> progress, boolean activate, Body<T> body)
            throws Exception {
        Procedure page = ctx.procedure();
        ShellDriver sh = shell(ctx.console(), activate);
        try {
            sh.setTimeoutMs(60_000);
            if (activate) {
                ctx.say(Texts.t("fx.migrate.waitShell"));
                sh.activate(null, 60_000);
            }
            Procedure p = new Procedure(e -> {
                show(page, ctx, journal, e);
                if (progress != null) {
                    progress.accept(e);
                }
            }, page.cancel());
            try {
                return body.run(new ShellProcedure(sh, p), sh);
            } catch (Stopped e) {
                if (journal != null) {
                    journal.append(e.kind() == Stopped.Kind.CANCELLED ? "\u2013 " : "\u2718 ").append(e.step())
                            .append("\n    ").append(e.getMessage().strip().replace("\n", "\n    ")).append('\n');
                }
                throw e;
            } catch (Exception e) {
                // work outside a step (reaching the environment, reading a file): said with the board's latest state
                throw p.failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
            }
        } finally {
            Stopped f = lastRebootFailure;
            if (hungInReboot(f)) {
                hangingShell = sh;
            } else {
                sh.close();
            }
        }
    }

    /**
     * A new shell over {@code console}; or, for a board whose boot hangs ({@code activate} false), the shell of
     * the run that rebooted it, which knows the prompt to wait for once the old root is back.
     */
    private ShellDriver shell(r4rescue.console.Console console, boolean activate) {
        ShellDriver kept = hangingShell;
        hangingShell = null;
        if (!activate && kept != null && kept.console() == console) {
            return kept;
        }
        if (kept != null) {
            kept.close();
        }
        return new ShellDriver(console);
    }

    /** One event of the procedure on the page: steps as its status, commands under Commands, the board's state, evidence in the journal. */
    private static void show(Procedure page, WizardViewModel.Ctx out, StringBuilder journal, Event e) {
        switch (e.kind()) {
            case STEP -> out.say(e.step() + " …");
            // file chunks travel as long base64 lines: their start says what they are
            case COMMAND -> out.command(e.message().length() <= 200 ? e.message()
                    : e.message().substring(0, 160) + "… " + Texts.t("fx.migrate.moreChars", e.message().length() - 160));
            case STATE -> page.state(e.state());
            case PROGRESS -> out.progress(e.progress());
            case INFO, WARNING -> {
                if (journal != null) {
                    journal.append(e.kind() == Event.Kind.INFO ? "\u2714 " : "\u26a0 ").append(e.step()).append(e.message().isBlank() ? ""
                            : "\n    " + e.message().strip().replace("\n", "\n    ")).append('\n');
                }
            }
        }
    }

    /** fw_setenv from Linux when the build has it, else U-Boot's own prompt (the board restarts into U-Boot). */
    BootloaderEnv env(ShellProcedure steps, WizardViewModel.Ctx out) throws IOException {
        ShellDriver sh = steps.shell();
        if (FwEnv.available(sh)) {
            return new FwEnv(sh);
        }
        out.say(Texts.t("fx.migrate.noFwEnv"));
        // its setenv/saveenv are typed at U-Boot's prompt, not by the shell: shown under Commands all the same
        return new UBootEnvAccess(sh, vm.board(), Duration.ofMinutes(3), ev -> hold(out, ev)).onCommand(steps.procedure()::command);
    }

    private static void hold(WizardViewModel.Ctx out, HoldEvent ev) {
        out.say(ev.kind() == HoldEvent.Kind.POWER_CYCLE_NOW
                ? Texts.t("fx.migrate.powerCycle") : ev.message());
    }

    static Label monoLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("step-mono");
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    static Label bold(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        l.setWrapText(true);
        return l;
    }

    /** A count with the user's digit grouping, e.g. "12,345". */
    private static String count(long n) {
        return String.format(Texts.locale(), "%,d", n);
    }

    /** E.g. "412 KiB", "25 MiB", "465.8 GiB". */
    static String size(long bytes) {
        return bytes >= 10L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : bytes >= 10L << 20 ? String.format(Locale.ROOT, "%,d MiB", bytes >> 20)
                : String.format(Locale.ROOT, "%,d KiB", bytes >> 10);
    }

    /** The procedure's own evidence, step by step, folded away under the plain-words result. */
    static TitledPane details(String id, String title, Label content) {
        // the pane shows and hides its content itself
        content.visibleProperty().unbind();
        content.managedProperty().unbind();
        TitledPane t = new TitledPane(title, content);
        t.setId(id);
        t.setExpanded(false);
        t.setAnimated(false);
        t.visibleProperty().bind(content.textProperty().isNotEmpty());
        t.managedProperty().bind(t.visibleProperty());
        return t;
    }
}
