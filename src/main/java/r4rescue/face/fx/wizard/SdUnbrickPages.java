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
        StepPane p = new StepPane("step-card", "Make the rescue SD card",
                "On your computer, write OpenWrt's SD-card image (" + img + ", from the OpenWrt download page for the BPI-R4) "
                        + "to a microSD card. Everything on the card is lost.",
                "Pick the image file below: the program checks, without loading it whole, that it is an SD-card image "
                        + "(a GPT with an SD BL2) and that it carries the NAND bootloaders the card's menu can install; it shows its SHA-256.");
        TextField linux = readOnly("gunzip -c " + img + " | sudo dd of=/dev/sdX bs=4M status=progress conv=fsync");
        Label linuxLabel = new Label("Linux or macOS (replace /dev/sdX with the card, see lsblk; on macOS /dev/rdiskN, see diskutil list):");
        linuxLabel.setWrapText(true);
        Label windows = new Label("Windows: balenaEtcher or Rufus — pick the .img.gz file as it is, pick the card, write.");
        windows.setWrapText(true);
        FileField file = new FileField("sdImagePath", "Image file to check", img)
                .library(r4rescue.board.ImageKind.SDCARD_IMAGE, () -> r4rescue.board.Medium.SD);
        FileField sums = new FileField("sdSumsPath", "sha256sums (optional)", "sha256sums");
        Button check = new Button("C_heck the image file");
        check.setId("checkSdImage");
        check.setOnAction(e -> {
            var path = file.path();
            var sumsPath = sums.path();
            if (path == null) {
                p.say(StepRun.State.FAILED, "Type or pick the image file first.");
                return;
            }
            vm.run(p.run(), ctx -> {
                ctx.procedure().info("Reading " + path.getFileName() + " (decompressing the first MiBs only)…");
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
        StepPane p = new StepPane("step-" + id, (sd ? "Boot switches to the SD card" : "Boot switches to " + pos.label()),
                "Switch the board off. Set " + data.dipSetting(m) + ", as drawn."
                        + (sd ? " Push the rescue card into the microSD slot until it clicks." : ""),
                "Nothing can read the levers on a real board: the next step checks BL2's own words."
                        + " On the simulated board the program reads the bench's levers.");
        DipSwitchView dip = new DipSwitchView(data, id + "Wanted", false);
        dip.show(m);
        Label note = new Label("Careful: labels and orientation are easy to misread (one BPI-R4 Pro user read the "
                + "silkscreen as \"both down = 0-0\"). Go by the lever positions drawn here — up = 0, down = 1 — and let the next step "
                + "confirm from the board's own log (facts §3).");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        CheckBox done = new CheckBox("_The switches are set" + (sd ? " and the card is in" : ""));
        done.setId(id + "Done");
        p.content(dip, note, done);
        p.completeProperty().bind(done.selectedProperty());
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(250), e -> {
            BenchControls b = vm.benchProperty().get();
            if (b != null) {
                boolean ok = b.bootMedium() == m && (!sd || b.sdInserted());
                if (ok != done.isSelected()) {
                    done.setSelected(ok);
                    p.say(ok ? StepRun.State.DONE : StepRun.State.IDLE, ok ? "The bench's switches are at " + pos.label()
                            + (sd ? " and the rescue card is in." : ".") : "");
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
        StepPane p = new StepPane("step-sdBoot", "Power on from the SD card",
                "Switch the board off and on (unplug the power for two seconds). On the simulated board: Power cycle on the bench.",
                "BL2 must say it came from the SD card (its version line ends in (mt7988-sdmmc-comb)); then the program "
                        + "stops U-Boot at its prompt. If it booted from elsewhere it says what it saw.");
        Button listen = new Button("_Listen for the boot");
        listen.setId("listenSd");
        listen.setDefaultButton(true);
        listen.setOnAction(e -> vm.run(p.run(), ctx -> {
            UBootSession s = ctx.strategy().toUBoot(Medium.SD, ctx.procedure());
            ctx.hold(s);
            return ctx.watch().seen();
        }, seen -> {
            p.say(StepRun.State.DONE, "Booted from the SD card: BL2 named " + seen.bootDevice()
                    + ". U-Boot from the card waits at its prompt.");
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
        StepPane p = new StepPane("step-writeNand", viaMenu ? "Write the NAND bootloaders" : "Write BL2 and FIP",
                "Nothing: keep the power on and do not touch the board until the result shows.",
                (viaMenu ? "Fastest sound way: the card's own menu entry \"" + install.entryTitle() + "\". Before its key is pressed, "
                        + "the card's BL2 and FIP are read and compared with your image file (if you checked it); afterwards every BL2 "
                        + "copy and the FIP volume are read back and compared by CRC-32 with the card's copies (and with your image "
                        + "file if you checked it). Or use your own files: " : "")
                        + "each file is named by its headers and refused if wrong; it is loaded, its CRC compared with the host's "
                        + "before anything is erased, then written, read back and compared.");
        List<Button> buttons = new ArrayList<>();
        if (viaMenu) {
            Button menu = new Button("_Install from the card's menu");
            menu.setId("installFromCard");
            menu.setDefaultButton(true);
            menu.setOnAction(e -> {
                SdImageCheck.Report r = image;
                vm.run(p.run(), ctx -> SdUnbrick.installAndVerify(install, ctx.session(), ctx.procedure(), r),
                        checks -> done(p, "Installed and verified by the card's menu", checks));
            });
            buttons.add(menu);
        }
        // From the SD card only the NAND can be reached: SD and eMMC share one controller (facts §3).
        BootloaderFiles files = new BootloaderFiles(data, viaMenu ? List.of(Medium.SNAND) : List.of(Medium.SNAND, Medium.EMMC));
        Button flash = new Button("_Flash BL2 then FIP");
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
            }, checks -> done(p, "BL2 and FIP written and verified", checks));
        });
        VBox filesBox = new VBox(8, files, flash);
        if (viaMenu) {
            TitledPane own = new TitledPane("Or use BL2 and FIP files for the NAND", filesBox);
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
        StepPane p = new StepPane("step-nandBoot", "Switches to the repaired medium, and boot",
                "Switch the board off. Set the switch for the medium you repaired — NAND: " + data.dipSetting(Medium.SNAND)
                        + "; eMMC: " + data.dipSetting(Medium.EMMC)
                        + ". Take the card out (keep it: it is your rescue card). Then press Confirm and switch the board on.",
                "BL2 must say it came from that medium (spim-nand or emmc), and the boot must reach U-Boot or Linux. "
                        + "For the eMMC, go through the NAND: booted from it, its menu's \"Install bootloader, recovery and "
                        + "production to eMMC.\". Not dd to /dev/mmcblk0 from the SD-booted system: SD and eMMC share one "
                        + "controller, so there mmcblk0 is the SD card itself.");
        DipSwitchView dip = new DipSwitchView(data, "nandWanted", false);
        Button confirm = new Button("C_onfirm the boot");
        confirm.setId("confirmNand");
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> {
            Medium medium = repaired;
            vm.release();
            vm.run(p.run(), ctx -> ctx.strategy().bootFrom(medium, ctx.procedure()), seen -> {
                p.say(StepRun.State.DONE, "Boots from " + (medium == Medium.EMMC ? "eMMC" : "NAND") + ", verified: BL2 named " + seen.bootDevice()
                        + " and the boot reached " + stageWords(seen) + ". The board is repaired.");
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
            case KERNEL -> "the Linux kernel";
            case USERSPACE -> "Linux userspace";
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
