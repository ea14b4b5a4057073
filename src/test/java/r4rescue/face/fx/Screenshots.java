package r4rescue.face.fx;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.face.fx.wizard.WizardViewModel;
import r4rescue.link.Links;
import r4rescue.procedure.unbrick.RescueImageFile;
import r4rescue.sim.BoardBench;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLinkProvider;

/**
 * Makes the README pictures from the real window against the simulated board:
 * {@code main-window.png}, {@code wizard-switches.png}, {@code wizard-install.png} and {@code wizard-migrate.png} in the
 * directory given (default {@code assets/screenshots}). Run by {@code assets/screenshots/make.sh}
 * under Xvfb.
 */
public final class Screenshots {

    private static Path out = Path.of("assets/screenshots");
    private static int width = 1280;
    private static int height = 800;
    private static boolean every;
    /** Only the serial-line recovery page (wizard-uartboot.png). */
    private static boolean uartBoot;

    private Screenshots() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            out = Path.of(args[0]);
        }
        if (args.length > 1) {
            String[] wh = args[1].split("x");
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
        }
        every = args.length > 2 && args[2].equals("every-step");
        uartBoot = args.length > 2 && args[2].equals("uart-boot");
        Application.launch(Window.class);
    }

    /** The application (a nested class: a main class extending Application needs JavaFX as modules). */
    public static final class Window extends Application {

    private Scene scene;
    private MainViewModel vm;
    private WizardViewModel wizardVm;

    @Override
    public void start(Stage stage) throws Exception {
        Files.createDirectories(out);
        Path logs = Files.createTempDirectory("r4-shots");
        vm = new MainViewModel(Links::create, WindowFixture.fixedPorts(new SimLinkProvider().ports()), logs, 20_000);
        wizardVm = new WizardViewModel(vm, Boards.R4);
        MainView view = R4RescueApp.assemble(vm, wizardVm);
        R4RescueApp.themed(view);
        scene = new Scene(view, width, height);
        scene.getStylesheets().add(R4RescueApp.stylesheet());
        stage.setTitle("R4 Rescue");
        stage.setScene(scene);
        stage.show();
        vm.startPortWatch();
        Thread driver = new Thread(() -> {
            int code = 0;
            try {
                drive(logs);
            } catch (Throwable t) {
                t.printStackTrace();
                code = 1;
            }
            Runtime.getRuntime().halt(code);
        }, "screenshots");
        driver.setDaemon(true);
        driver.start();
    }

    private void drive(Path tmp) throws Exception {
        if (uartBoot) {
            driveUartBoot(tmp);
            return;
        }
        fx(() -> vm.portProperty().set("sim:bl2-corrupt"));
        fx(vm::connect);
        until(() -> wizardVm.proposalProperty().get() != null, "a proposal");
        Thread.sleep(1500);
        snap("main-window.png");

        press("#proposedFlow");
        Path image = RescueImageFile.write(tmp.resolve("openwrt-mediatek-filogic-bananapi_bpi-r4-sdcard.img.gz"), 64L << 20, true);
        until(() -> scene.lookup("#sdImagePath") != null, "the card step");
        fx(() -> ((TextInputControl) scene.lookup("#sdImagePath")).setText(image.toString()));
        press("#checkSdImage");
        until(() -> !text("#step-card-result").isEmpty(), "image check");
        press("#wizardNext");
        SimBoard board = ((BoardBench) wizardVm.benchProperty().get()).board();
        board.setDip(Medium.SD);
        board.insertSd(r4rescue.sim.ScenarioBuilder.load("sd-rescue").sd);
        until(() -> !text("#step-sdSwitches-result").isEmpty(), "switches seen");
        Thread.sleep(500);
        snap("wizard-switches.png");

        press("#wizardNext");
        Thread.sleep(300);
        board.powerCycle();
        until(() -> !text("#step-sdBoot-result").isEmpty(), "SD boot");
        press("#wizardNext");
        press("#installFromCard");
        until(() -> !text("#step-writeNand-result").isEmpty(), "install");
        until(() -> scene.lookup("#step-writeNand-commands") != null, "commands");
        fx(() -> ((javafx.scene.control.TitledPane) scene.lookup("#step-writeNand-commands")).setExpanded(true));
        Thread.sleep(800);
        snap("wizard-install.png");
        if (every) {
            everyStep(board);
        }
        migration();
    }

    /** The rest of the SD flow and "Repair bootargs", page by page. */
    private void everyStep(SimBoard board) throws Exception {
        press("#wizardNext");
        Thread.sleep(300);
        board.setDip(Medium.SNAND);
        board.removeSd();
        board.powerCycle();
        until(() -> !text("#step-nandBoot-result").isEmpty(), "NAND boot");
        snap("step-5-nand.png");
        press("#wizardHome");
        fx(() -> vm.disconnect());
        until(() -> !vm.busyProperty().get() && !vm.connectedProperty().get(), "disconnected");
        fx(() -> vm.portProperty().set("sim:bad-bootargs"));
        fx(vm::connect);
        until(() -> wizardVm.benchProperty().get() != null, "connected");
        until(() -> vm.console().model().text().contains("Waiting for root device"), "the kernel waiting for its root");
        press("#flowBootargs");
        press("#holdUboot");
        until(() -> ((r4rescue.face.fx.wizard.WizardView) scene.lookup("#wizard")).currentStep().run().statusProperty().get()
                .contains("off and on now"), "asked for a power cycle");
        wizardVm.benchProperty().get().powerCycle();
        until(() -> !text("#step-hold-result").isEmpty(), "held");
        snap("bootargs-1.png");
        press("#wizardNext");
        until(() -> scene.lookup("#root-nvme0n1p1") != null, "choices");
        press("#root-nvme0n1p1");
        snap("bootargs-2.png");
        press("#wizardNext");
        press("#applyBootargs");
        until(() -> !text("#step-apply-result").isEmpty(), "applied");
        snap("bootargs-3.png");
        press("#wizardNext");
        press("#bootNow");
        until(() -> !text("#step-boot-result").isEmpty(), "booted");
        snap("bootargs-4.png");
        fx(() -> ((ButtonBase) scene.lookup("#themeButton")).fire());
        Thread.sleep(500);
        snap("bootargs-4-dark.png");
    }

    /** The uart-only board recovered over the serial line, the page at its end. */
    private void driveUartBoot(Path tmp) throws Exception {
        r4rescue.sim.SimImages.export(tmp);
        fx(() -> vm.portProperty().set("sim:uart-only"));
        fx(vm::connect);
        until(() -> vm.console().model().text().contains("System halt!"), "the halt");
        press("#flowUartBoot");
        fx(() -> {
            ((TextInputControl) scene.lookup("#uartRamBl2")).setText(tmp.resolve(r4rescue.sim.SimImages.RAM_BL2).toString());
            ((TextInputControl) scene.lookup("#uartFip")).setText(tmp.resolve(r4rescue.sim.SimImages.SNAND_FIP).toString());
            ((TextInputControl) scene.lookup("#uartNandBl2")).setText(tmp.resolve(r4rescue.sim.SimImages.SNAND_BL2).toString());
        });
        press("#uartStart");
        until(() -> ((r4rescue.face.fx.wizard.WizardView) scene.lookup("#wizard")).currentStep().run().statusProperty().get()
                .contains("off and on now"), "asked for the power cycle");
        wizardVm.benchProperty().get().powerCycle();
        until(() -> ((r4rescue.face.fx.wizard.WizardView) scene.lookup("#wizard")).currentStep().run().statusProperty().get()
                .contains("boot from the NAND"), "BL2 and FIP written");
        wizardVm.benchProperty().get().powerCycle();
        until(() -> !text("#step-uartboot-result").isEmpty(), "the boot from the NAND");
        Thread.sleep(800);
        snap("wizard-uartboot.png");
    }

    /** "Move the root to the NVMe SSD" on a healthy board: the reboot proven, with its commands shown. */
    private void migration() throws Exception {
        press("#wizardHome");
        fx(() -> vm.disconnect());
        until(() -> !vm.busyProperty().get() && !vm.connectedProperty().get(), "disconnected");
        fx(() -> vm.portProperty().set("sim:healthy-nand"));
        fx(vm::connect);
        until(() -> wizardVm.benchProperty().get() != null, "connected");
        SimBoard board = ((BoardBench) wizardVm.benchProperty().get()).board();
        until(() -> board.stage().equals("userspace"), "OpenWrt running");
        press("#flowMigrate");
        press("#runPreflight");
        until(() -> !text("#step-mPreflight-result").isEmpty(), "preflight");
        if (every) {
            snap("migrate-1-preflight.png");
        }
        press("#wizardNext");
        press("#copyRoot");
        until(() -> !text("#step-mCopy-result").isEmpty(), "copy");
        if (every) {
            snap("migrate-2-copy.png");
        }
        press("#wizardNext");
        press("#rebootProve");
        until(() -> !text("#step-mReboot-result").isEmpty(), "proof");
        fx(() -> ((javafx.scene.control.TitledPane) scene.lookup("#step-mReboot-commands")).setExpanded(true));
        Thread.sleep(300);
        fx(() -> {
            javafx.scene.control.ScrollPane wizard = (javafx.scene.control.ScrollPane) scene.lookup(".wizard-scroll");
            wizard.layout();
            wizard.setVvalue(1);
        });
        Thread.sleep(500);
        snap("wizard-migrate.png");
        if (every) {
            press("#wizardNext");
            press("#slotStatus");
            until(() -> !text("#step-mSlots-result").isEmpty(), "slots");
            snap("migrate-4-slots.png");
            press("#wizardNext");
            press("#runChecklist");
            until(() -> !text("#step-mChecklist-result").isEmpty(), "checklist");
            snap("migrate-5-checklist.png");
            press("#wizardHome");
        }
    }

    private void press(String id) throws InterruptedException {
        until(() -> scene.lookup(id) != null, id + " on screen");
        fx(() -> ((ButtonBase) scene.lookup(id)).fire());
    }

    private String text(String id) {
        String[] t = {""};
        fx(() -> t[0] = scene.lookup(id) instanceof Label l ? l.getText() : "");
        return t[0];
    }

    private void snap(String name) throws Exception {
        BufferedImage[] img = new BufferedImage[1];
        fx(() -> {
            WritableImage w = scene.snapshot(null);
            PixelReader r = w.getPixelReader();
            BufferedImage b = new BufferedImage((int) w.getWidth(), (int) w.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < b.getHeight(); y++) {
                for (int x = 0; x < b.getWidth(); x++) {
                    b.setRGB(x, y, r.getArgb(x, y));
                }
            }
            img[0] = b;
        });
        ImageIO.write(img[0], "png", out.resolve(name).toFile());
        System.out.println("wrote " + out.resolve(name));
    }

    private void until(BooleanSupplier c, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < end) {
            AtomicBoolean ok = new AtomicBoolean();
            fx(() -> ok.set(c.getAsBoolean()));
            if (ok.get()) {
                return;
            }
            Thread.sleep(100);
        }
        try {
            snap("timed-out.png");
        } catch (Exception e) {
            // the message below says enough
        }
        throw new IllegalStateException("timed out: " + what);
    }

    private static void fx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
    }
}
