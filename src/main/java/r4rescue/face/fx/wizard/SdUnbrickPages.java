package r4rescue.face.fx.wizard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.link.BenchControls;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.procedure.unbrick.BootloaderFlasher;
import r4rescue.procedure.unbrick.MenuInstall;
import r4rescue.procedure.unbrick.SdImageCheck;
import r4rescue.procedure.unbrick.SdUnbrick;
import r4rescue.procedure.unbrick.Sha256Sums;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Texts;

/** The pages of "Unbrick through the SD card" (and the flash and confirm pages "Reflash" reuses). */
final class SdUnbrickPages {

    private final WizardViewModel vm;
    private final BoardProfile data;
    /** The medium whose bootloaders this flow wrote: the NAND unless the user picked the eMMC. */
    private Medium repaired = Medium.SNAND;
    private final BootloaderFlasher flasher;
    private volatile SdImageCheck.Report image;

    SdUnbrickPages(WizardViewModel vm) {
        this.vm = vm;
        this.data = vm.board();
        this.flasher = new BootloaderFlasher(data);
    }

    List<StepPane> pages() {
        return List.of(card(), switches(Medium.SD, "sdSwitches"), sdBoot(), writeNand(true), nandBoot());
    }

    StepPane card() {
        String img = data.imageName("sdcard.img.gz");
        StepPane p = new StepPane("step-card", Texts.t("fx.sd.card.title"), Texts.t("fx.sd.card.hands", img), Texts.t("fx.sd.card.checks"));
        TextField linux = readOnly("gunzip -c " + img + " | sudo dd of=/dev/sdX bs=4M status=progress conv=fsync"); // i18n-exempt: a command
        Label linuxLabel = new Label(Texts.t("fx.sd.card.linux"));
        linuxLabel.setWrapText(true);
        Label windows = new Label(Texts.t("fx.sd.card.windows"));
        windows.setWrapText(true);
        FileField file = new FileField("sdImagePath", Texts.t("fx.sd.card.file"), img)
                .library(r4rescue.board.ImageKind.SDCARD_IMAGE, () -> r4rescue.board.Medium.SD);
        FileField sums = new FileField("sdSumsPath", Texts.t("fx.files.sums"), "sha256sums");
        Button check = new Button(Texts.t("fx.sd.card.check"));
        check.setId("checkSdImage");
        check.setOnAction(e -> {
            var path = file.path();
            var sumsPath = sums.path();
            if (path == null) {
                p.say(StepRun.State.FAILED, Texts.t("fx.sd.card.fileFirst"));
                return;
            }
            vm.run(p.run(), ctx -> {
                ctx.procedure().info(Texts.t("fx.sd.card.reading", path.getFileName()));
                SdImageCheck.Report r = SdImageCheck.check(data, path, ctx.procedure());
                String sumsText = sumsPath == null || r.sha256() == null ? ""
                        : "\n" + sumsVerdict(sumsPath, path, r.sha256());
                return new Object[] {r, sumsText};
            }, res -> {
                SdImageCheck.Report r = (SdImageCheck.Report) res[0];
                image = r.ok() ? r : null;
                String text = r.verdict() + "\n" + String.join("\n", r.notes())
                        + (r.sha256() == null ? "" : "\nSHA-256 " + r.sha256()) + res[1];
                p.say(r.ok() ? StepRun.State.DONE : StepRun.State.FAILED, text);
            });
        });
        p.content(linuxLabel, linux, windows, file, sums, new SdCardWriterPane(vm, p, file::path)).action(check);
        p.completeProperty().set(true);
        return p;
    }

    private static String sumsVerdict(Path sums, Path file, String sha) throws IOException {
        return Sha256Sums.read(sums).verdict(file.getFileName().toString(), sha);
    }

    /** Switches to {@code m}; on the simulated board the step completes when the bench's levers say so. */
    StepPane switches(Medium m, String id) {
        BoardProfile.DipPosition pos = data.dipFor(m);
        boolean sd = m == Medium.SD;
        StepPane p = new StepPane("step-" + id, sd ? Texts.t("fx.sd.switches.titleSd") : Texts.t("fx.sd.switches.title", pos.label()),
                Texts.t(sd ? "fx.sd.switches.handsSd" : "fx.sd.switches.hands", data.dipSetting(m)),
                Texts.t("fx.sd.switches.checks"));
        DipSwitchView dip = new DipSwitchView(data, id + "Wanted", false);
        dip.show(m);
        Label note = new Label(Texts.t("fx.sd.switches.careful"));
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        CheckBox done = new CheckBox(Texts.t(sd ? "fx.sd.switches.setSd" : "fx.sd.switches.set"));
        done.setId(id + "Done");
        p.content(dip, note, done);
        p.completeProperty().bind(done.selectedProperty());
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(250), e -> {
            BenchControls b = vm.benchProperty().get();
            if (b != null) {
                boolean ok = b.bootMedium() == m && (!sd || b.sdInserted());
                if (ok != done.isSelected()) {
                    done.setSelected(ok);
                    p.say(ok ? StepRun.State.DONE : StepRun.State.IDLE, ok ? Texts.t(sd ? "fx.sd.switches.benchSd" : "fx.sd.switches.bench", pos.label()) : "");
                }
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        p.sceneProperty().addListener((o, a, s) -> {
            if (s == null) {
                poll.stop();
            } else {
                poll.play();
            }
        });
        return p;
    }

    StepPane sdBoot() {
        StepPane p = new StepPane("step-sdBoot", Texts.t("fx.sd.boot.title"), Texts.t("fx.sd.boot.hands"), Texts.t("fx.sd.boot.checks"));
        Button listen = new Button(Texts.t("fx.sd.boot.listen"));
        listen.setId("listenSd");
        listen.setDefaultButton(true);
        listen.setOnAction(e -> vm.run(p.run(), ctx -> {
            UBootSession s = ctx.strategy().toUBoot(Medium.SD, ctx.procedure());
            ctx.hold(s);
            return ctx.watch().seen();
        }, seen -> {
            p.say(StepRun.State.DONE, Texts.t("fx.sd.boot.done", seen.bootDevice()));
            p.completeProperty().set(true);
        }));
        p.action(listen);
        p.onShow(() -> {
            if (!p.completeProperty().get() && p.run().stateProperty().get() != StepRun.State.RUNNING) {
                listen.fire();
            }
        });
        return p;
    }

    /** Write the NAND bootloaders: the card's menu entry (when {@code viaMenu}) or the user's files. */
    StepPane writeNand(boolean viaMenu) {
        MenuInstall install = new MenuInstall(data);
        StepPane p = new StepPane("step-writeNand", Texts.t(viaMenu ? "fx.sd.write.titleMenu" : "fx.sd.write.title"),
                Texts.t("fx.sd.write.hands"),
                (viaMenu ? Texts.t("fx.sd.write.checksMenu", install.entryTitle()) + " " : "") + Texts.t("fx.sd.write.checks"));
        List<Button> buttons = new ArrayList<>();
        if (viaMenu) {
            Button menu = new Button(Texts.t("fx.sd.write.menu"));
            menu.setId("installFromCard");
            menu.setDefaultButton(true);
            menu.setOnAction(e -> {
                SdImageCheck.Report r = image;
                vm.run(p.run(), ctx -> SdUnbrick.installAndVerify(install, ctx.session(), ctx.procedure(), r),
                        checks -> done(p, Texts.t("fx.sd.write.menuDone"), checks));
            });
            buttons.add(menu);
        }
        // From the SD card only the NAND can be reached: SD and eMMC share one controller (facts §3).
        BootloaderFiles files = new BootloaderFiles(data, viaMenu ? List.of(Medium.SNAND) : List.of(Medium.SNAND, Medium.EMMC));
        Button flash = new Button(Texts.t("fx.sd.write.flash"));
        flash.setId("flashFiles");
        flash.setOnAction(e -> {
            var bl2 = files.bl2();
            var fip = files.fip();
            var sums = files.sums();
            Medium target = files.medium();
            repaired = target;
            vm.run(p.run(), ctx -> {
                BootloaderFiles.Checked ch = BootloaderFiles.check(data, bl2, fip, sums, target);
                ctx.procedure().info(ch.report());
                return flasher.flash(ctx.session(), ctx.procedure(), target, ch.bl2(), ch.fip());
            }, checks -> done(p, Texts.t("fx.sd.write.flashDone"), checks));
        });
        VBox filesBox = new VBox(8, files, flash);
        if (viaMenu) {
            TitledPane own = new TitledPane(Texts.t("fx.sd.write.ownFiles"), filesBox);
            own.setExpanded(false);
            own.setAnimated(false);
            own.setId("ownFiles");
            p.content(own);
        } else {
            flash.setDefaultButton(true);
            p.content(filesBox);
        }
        p.action(buttons.toArray(Button[]::new));
        return p;
    }

    private static void done(StepPane p, String what, List<MenuInstall.Check> checks) {
        p.say(StepRun.State.DONE, what + ":\n" + checks.stream().map(k -> "✔ " + k).collect(Collectors.joining("\n")));
        p.completeProperty().set(true);
    }

    /** The last step: switches to the medium just repaired (the NAND after an SD rescue), power on, boot confirmed. */
    StepPane nandBoot() {
        StepPane p = new StepPane("step-nandBoot", Texts.t("fx.sd.nand.title"),
                Texts.t("fx.sd.nand.hands", data.dipSetting(Medium.SNAND), data.dipSetting(Medium.EMMC)),
                Texts.t("fx.sd.nand.checks"));
        DipSwitchView dip = new DipSwitchView(data, "nandWanted", false);
        Button confirm = new Button(Texts.t("fx.sd.nand.confirm"));
        confirm.setId("confirmNand");
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> {
            Medium medium = repaired;
            vm.release();
            vm.run(p.run(), ctx -> ctx.strategy().bootFrom(medium, ctx.procedure()), seen -> {
                p.say(StepRun.State.DONE, Texts.t("fx.sd.nand.done", medium == Medium.EMMC ? "eMMC" : "NAND", seen.bootDevice(), stageWords(seen)));
                p.completeProperty().set(true);
            });
        });
        p.content(dip).action(confirm);
        p.action(EmmcCarryOn.buttons(vm, data, p));
        p.onShow(() -> {
            dip.show(repaired);
            if (!p.completeProperty().get() && p.run().stateProperty().get() != StepRun.State.RUNNING) {
                confirm.fire();
            }
        });
        return p;
    }

    static String stageWords(BootLogWatch.Seen seen) {
        return switch (seen.stage()) {
            case UBOOT -> "U-Boot";
            case KERNEL -> Texts.t("fx.sd.stage.kernel");
            case USERSPACE -> Texts.t("fx.sd.stage.userspace");
            default -> seen.stage().name();
        };
    }

    private static TextField readOnly(String text) {
        TextField t = new TextField(text);
        t.setEditable(false);
        t.getStyleClass().add("step-commands");
        return t;
    }
}
