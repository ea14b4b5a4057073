package r4rescue.face.fx.wizard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

import atlantafx.base.theme.Styles;

import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.board.UartBootData;
import r4rescue.procedure.uartboot.UartBoot;
import r4rescue.procedure.uartboot.UartRecovery;
import r4rescue.procedure.unbrick.BootloaderFlasher;
import r4rescue.protocol.brom.HandshakeStatus;
import r4rescue.protocol.brom.UartBootException;
import r4rescue.util.Texts;

/**
 * "Recover over the serial line (no SD card)": the RAM BL2 and FIP go through the Boot ROM and
 * BL2, U-Boot is stopped at its prompt, and (if ticked) BL2 and FIP are written to the NAND and
 * the board must then boot from it. One page: the files, a live handshake indicator, the result.
 */
final class UartBootPages {

    private final WizardViewModel vm;

    UartBootPages(WizardViewModel vm) {
        this.vm = vm;
    }

    List<StepPane> pages() {
        return List.of(recover());
    }

    private StepPane recover() {
        UartBootData data = vm.board().uartBoot();
        StepPane p = new StepPane("step-uartboot", WizardViewModel.Flow.UART_BOOT.words(), Texts.t("fx.uartboot.hands"),
                Texts.t("fx.uartboot.checks", data.ramBl2FileNames()));
        FileField ramBl2 = new FileField("uartRamBl2", "RAM BL2", "mt7988-ram-comb-bl2.bin");
        FileField fip = new FileField("uartFip", "FIP (BL31 + U-Boot)", "…-snand-bl31-uboot.fip")
                .library(ImageKind.FIP, () -> Medium.SNAND);
        FileField nandBl2 = new FileField("uartNandBl2", Texts.t("fx.uartboot.nandBl2"), "…-snand-preloader.bin")
                .library(ImageKind.BL2, () -> Medium.SNAND);
        CheckBox fast = new CheckBox(Texts.t("fx.uartboot.fast"));
        fast.setId("uartFast");
        fast.setSelected(true);
        CheckBox write = new CheckBox(Texts.t("fx.uartboot.write"));
        write.setId("uartWrite");
        for (CheckBox c : new CheckBox[] {fast, write}) { // a narrow wizard wraps them rather than cutting them short
            c.setWrapText(true);
            c.setMinHeight(Region.USE_PREF_SIZE);
        }
        write.setSelected(true);
        Label handshake = new Label(Texts.t("fx.uartboot.handshake.none"));
        handshake.setId("uartHandshake");
        handshake.getStyleClass().add(Styles.TEXT_MUTED);
        Button start = new Button(Texts.t("fx.uartboot.start"));
        start.setId("uartStart");
        start.getStyleClass().add(Styles.ACCENT);
        start.setOnAction(e -> {
            Path[] files = {ramBl2.path(), fip.path(), nandBl2.path()};
            if (files[0] == null || files[1] == null || (write.isSelected() && files[2] == null)) {
                p.say(StepRun.State.FAILED, Texts.t(write.isSelected() ? "fx.uartboot.pickAll" : "fx.uartboot.pick"));
                return;
            }
            boolean flash = write.isSelected();
            UartBoot.Options o = fast.isSelected() ? UartBoot.Options.defaults(vm.board()) : UartBoot.Options.defaults(vm.board()).noFast();
            vm.run(p.run(), ctx -> {
                byte[] bl2Bytes = Files.readAllBytes(files[0]);
                byte[] fipBytes = Files.readAllBytes(files[1]);
                UartBoot.Listener l = listener(ctx.procedure(), handshake);
                try {
                    if (!flash) {
                        UartBoot.Result r = new UartBoot(vm.board(), ctx.console(), l, ctx.procedure()).run(bl2Bytes, fipBytes, o);
                        ctx.hold(r.session());
                        return Texts.t("fx.uartboot.inRam");
                    }
                    BootloaderFlasher.Image nand = new BootloaderFlasher.Image(files[2].getFileName().toString(),
                            Files.readAllBytes(files[2]));
                    UartRecovery.Outcome out = new UartRecovery(vm.board(), ctx.console(), l, ctx.procedure())
                            .run(bl2Bytes, fipBytes, nand, o, () -> true);
                    return Texts.t("fx.uartboot.done") + (out.uartBoot().notes().isEmpty() ? ""
                            : "\n" + String.join("\n", out.uartBoot().notes()));
                } catch (UartBootException ex) {
                    throw new IOException(ex.explanation(), ex);
                }
            }, result -> p.say(StepRun.State.DONE, result));
        });
        p.content(ramBl2, fip, nandBl2, fast, write, handshake).action(start);
        p.completeProperty().bind(p.run().stateProperty().isEqualTo(StepRun.State.DONE));
        return p;
    }

    private static UartBoot.Listener listener(r4rescue.procedure.core.Procedure p, Label handshake) {
        return new UartBoot.Listener() {
            @Override
            public void handshake(HandshakeStatus s) {
                String text = Texts.t("fx.uartboot.handshake", s.describe());
                Platform.runLater(() -> handshake.setText(text));
            }

            @Override
            public void powerCycleNow(String why) {
                p.info(why);
            }
        };
    }
}
