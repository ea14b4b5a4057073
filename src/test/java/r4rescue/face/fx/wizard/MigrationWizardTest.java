package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;
import static r4rescue.face.fx.wizard.WizardHarness.click;
import static r4rescue.face.fx.wizard.WizardHarness.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.sim.SimBoard;

/** "Move the root to the NVMe SSD" in the window, on the simulated board, as a first-timer clicks through it. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class MigrationWizardTest {

    @TempDir
    static Path dir;

    private final WizardHarness h = new WizardHarness();

    @Start
    void start(Stage stage) {
        h.start(stage, dir, 1280, 800);
    }

    @AfterEach
    void tearDown() {
        h.stop();
    }

    /** Preflight → copy → reboot → proven; Roll back proven too; then the checklist saved in all three formats. */
    @Test
    void firstMigrationIsProvenRolledBackAndTheChecklistSaved(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        SimBoard board = connect(robot, "sim:healthy-nand");
        String before = bootargs(board);

        click(robot, "#runPreflight");
        String pre = awaitResult(robot, "step-mPreflight");
        assertTrue(pre.startsWith("Route: ") && pre.contains("The SSD /dev/nvme0n1 has") && pre.contains("fw_setenv"), pre);
        assertTrue(text(robot, "#preflightReport").contains("\u2714 Route\n"), text(robot, "#preflightReport"));
        assertTrue(commands().contains("cat /proc/partitions"), commands());
        click(robot, "#wizardNext");

        assertTrue(text(robot, "#copyPlan").startsWith("This erases /dev/nvme0n1"), text(robot, "#copyPlan"));
        assertFalse(robot.lookup("#confirmDeviceBox").query().isVisible(), "an empty SSD needs no typed name");
        click(robot, "#copyRoot");
        String copied = awaitResult(robot, "step-mCopy");
        assertTrue(copied.startsWith("Copied ") && copied.contains("/dev/nvme0n1p1"), copied);
        assertEquals(StepRun.State.DONE, h.wizard.currentStep().run().stateProperty().get(), copied);
        assertTrue(commands().contains("sfdisk") && commands().contains("sha256sum"), commands());
        assertEquals("nvme-root", board.state().nvme.partitions.get(0).fs.label);
        click(robot, "#wizardNext");

        click(robot, "#rebootProve");
        String proven = awaitResult(robot, "step-mReboot");
        assertTrue(proven.startsWith("Proven: the board runs from /dev/nvme0n1p1"), proven);
        assertTrue(bootargs(board).contains("root=/dev/nvme0n1p1"), bootargs(board));
        assertTrue(h.consoleHas("EXT4-fs (nvme0n1p1): mounted"));

        click(robot, "#rollBack");
        waitFor(() -> text(robot, "#step-mReboot-result").startsWith("Rolled back")
                || h.wizard.currentStep().run().stateProperty().get() == StepRun.State.FAILED, 120_000, "rolled back");
        assertTrue(text(robot, "#step-mReboot-result").startsWith("Rolled back and proven"), text(robot, "#step-mReboot-result"));
        assertEquals(before, bootargs(board), "every variable as it was");
        assertTrue(commands().contains("fw_setenv"), commands());
        // Next stays off after a rollback: the board no longer runs from the SSD
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());

        click(robot, "#rebootProve");
        awaitResult(robot, "step-mReboot");
        click(robot, "#wizardNext");
        click(robot, "#wizardNext");

        click(robot, "#attest-fallback-sd");
        click(robot, "#runChecklist");
        String checked = awaitResult(robot, "step-mChecklist");
        assertTrue(checked.startsWith("Not ready"), "data backup not attested: " + checked);
        String items = robot.lookup("#checklistResults").lookup(".label").queryAllAs(Label.class).stream().map(Label::getText)
                .collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(items.contains("ATTESTED") && items.contains("NOT ATTESTED") && items.contains("PASS\nRoot filesystem is on NVMe"), items);
        for (String name : new String[] {"report.md", "report.html", "report.json"}) {
            Path file = dir.resolve(name);
            robot.interact(() -> robot.lookup("#reportPath").queryTextInputControl().setText(file.toString()));
            click(robot, "#saveReport");
            waitFor(() -> text(robot, "#step-mChecklist-result").startsWith("Saved") && text(robot, "#step-mChecklist-result").endsWith(name),
                    10_000, "saved " + name);
            String saved = Files.readString(file);
            assertTrue(saved.contains(name.endsWith("md") ? "# BPI-R4 production checklist" : name.endsWith("html")
                    ? "<!DOCTYPE html>" : "\"items\""), saved);
            assertTrue(saved.contains("fallback-sd") || saved.contains("Fallback SD"), saved);
        }
        System.out.printf("fx-migrate-single-with-rollback %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** An SSD with data: erasing it is refused until its name is typed; the failure says the board's state. */
    @Test
    void ssdWithDataIsNotErasedWithoutItsTypedName(FxRobot robot) throws Exception {
        SimBoard board = connect(robot, "sim:nvme-data");
        click(robot, "#runPreflight");
        assertTrue(awaitResult(robot, "step-mPreflight").contains("type its name"), text(robot, "#step-mPreflight-result"));
        click(robot, "#wizardNext");
        assertTrue(robot.lookup("#confirmDeviceBox").query().isVisible());
        click(robot, "#copyRoot");
        String refused = awaitResult(robot, "step-mCopy");
        assertEquals(StepRun.State.FAILED, h.wizard.currentStep().run().stateProperty().get(), refused);
        assertTrue(refused.contains("type the device name") && refused.contains("Board state: Nothing was changed on the board."), refused);
        assertEquals("archive", board.state().nvme.partitions.get(0).fs.label, "the data is still there");
        assertFalse(commands().contains("sfdisk") || commands().contains("mkfs"), commands());
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());
    }

    /** Cancel during the copy page stops at the procedure's next safe point and says what the board is left with. */
    @Test
    void cancelDuringTheCopySaysTheBoardsState(FxRobot robot) throws Exception {
        SimBoard board = connect(robot, "sim:healthy-nand@paced");
        String before = bootargs(board);
        click(robot, "#runPreflight");
        awaitResult(robot, "step-mPreflight");
        click(robot, "#wizardNext");
        click(robot, "#copyRoot");
        waitFor(() -> h.wizard.currentStep().run().statusProperty().get().startsWith("Write the partition table"), 60_000, "partitioning");
        click(robot, "#step-mCopy-cancel");
        String said = awaitResult(robot, "step-mCopy");
        assertEquals(StepRun.State.CANCELLED, h.wizard.currentStep().run().stateProperty().get(), said);
        assertTrue(said.startsWith("Cancelled. ") && said.contains("/dev/nvme0n1") && said.contains("the running system is untouched"), said);
        // Cancel is a request: the command under way finishes and is checked, and the procedure stops at its next
        // step whose start leaves the board in a verified state, before the copy
        assertTrue(!said.contains("Aborted") && !commands().contains("tar -cf"), said + "\n" + commands());
        assertEquals(before, bootargs(board), "the boot loader still boots the old root");
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());
    }

    /** An already migrated A/B board: an upgrade of the inactive slot is asked first and its archive checked first; switch, roll back. */
    @Test
    void abSlotsUpgradeSwitchAndRollBack(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        SimBoard board = connect(robot, "sim:nvme-root", "#flowSlots");
        String before = bootargs(board);
        click(robot, "#slotStatus");
        assertEquals("The board runs from slot A.", awaitResult(robot, "step-mSlots"));
        assertTrue(text(robot, "#slotStatusText").contains("B: /dev/nvme0n1p2 label root-B — OpenWrt 24.10.1"), text(robot, "#slotStatusText"));

        Path rootfs = tarball("rootfs.tar.gz", "sbin/init", "etc/openwrt_release", "usr/sbin/fw_printenv", "usr/sbin/fw_setenv");
        robot.interact(() -> robot.lookup("#slotTarball").queryTextInputControl().setText(rootfs.toString()));
        int sent = commands().length();
        click(robot, "#slotUpgrade");
        assertTrue(awaitResult(robot, "step-mSlots").startsWith("Tick"), "not asked: " + text(robot, "#step-mSlots-result"));
        assertEquals(sent, commands().length(), "nothing sent before the user agreed to formatting");

        Path notRootfs = tarball("notes.tar.gz", "etc/notes.txt");
        robot.interact(() -> robot.lookup("#slotTarball").queryTextInputControl().setText(notRootfs.toString()));
        click(robot, "#slotUpgradeConfirm");
        click(robot, "#slotUpgrade");
        String refused = awaitResult(robot, "step-mSlots");
        assertTrue(refused.contains("no sbin/init") && refused.contains("Nothing was sent"), refused);
        assertEquals(sent, commands().length(), "nothing sent for a wrong archive");

        // A real tar.gz passes the host's check, is sent in SHA-256-checked chunks and unpacked into slot B
        robot.interact(() -> robot.lookup("#slotTarball").queryTextInputControl().setText(rootfs.toString()));
        click(robot, "#slotUpgrade");
        String written = awaitResult(robot, "step-mSlots");
        assertEquals(StepRun.State.DONE, h.wizard.currentStep().run().stateProperty().get(), written);
        assertTrue(commands().contains("sha256sum") && commands().contains("mkfs.ext4"), "sent in checked chunks, then written: " + commands());
        assertTrue(new String(board.state().nvme.partitions.get(1).fs.files.get("/etc/openwrt_release").bytes()).contains("25.12.0"));

        click(robot, "#slotSwitch");
        assertEquals("The board runs from slot B.", awaitResult(robot, "step-mSlots"));
        assertTrue(bootargs(board).contains("root=/dev/nvme0n1p2"), bootargs(board));
        click(robot, "#slotRollback");
        assertEquals("The board runs from slot A.", awaitResult(robot, "step-mSlots"));
        assertEquals(before, bootargs(board));
        System.out.printf("fx-slots-upgrade-switch-rollback %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** A slot whose root does not come up: the failure says so and the board's state; Roll back restores it from U-Boot. */
    @Test
    void aSlotThatDoesNotBootIsRolledBackFromUBoot(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        SimBoard board = connect(robot, "sim:nvme-root", "#flowSlots");
        String before = bootargs(board);
        board.state().nvme.partitions.get(1).fs.files.remove("/sbin/init");
        click(robot, "#slotSwitch");
        String failed = awaitResult(robot, "step-mSlots");
        assertEquals(StepRun.State.FAILED, h.wizard.currentStep().run().stateProperty().get(), failed);
        assertTrue(failed.contains("No working init found") && failed.contains("Board state: the boot loader boots root=/dev/nvme0n1p2, which did not come up"), failed);

        click(robot, "#slotRollback");
        waitFor(() -> h.wizard.currentStep().run().statusProperty().get().contains("off and on now"), 60_000, "asks for a power cycle");
        click(robot, "#benchCycle");
        assertEquals("The board runs from slot A.", awaitResult(robot, "step-mSlots"));
        assertEquals(before, bootargs(board));
        assertTrue(h.consoleHas("MT7988> saveenv"), "restored at U-Boot's prompt");
        assertTrue(commands().contains("setenv bootargs") && commands().contains("saveenv"), "U-Boot's commands under Commands: " + commands());
        System.out.printf("fx-slot-switch-back-from-uboot %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Stock OpenWrt (NVMe as a module): the window offers OpenWrt's extroot, copies the overlay, writes the
     * fstab mount, proves /overlay on the SSD by device number after the reboot, and Roll back disables it.
     */
    @Test
    void stockOpenWrtMovesItsOverlayByExtrootAndRollsBack(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        SimBoard board = connect(robot, "sim:stock-openwrt-extroot");
        String before = bootargs(board);

        click(robot, "#runPreflight");
        String pre = awaitResult(robot, "step-mPreflight");
        assertEquals(StepRun.State.DONE, h.wizard.currentStep().run().stateProperty().get(), pre);
        assertTrue(pre.startsWith("Route: NVMe driver is a module: extroot") && pre.contains("one ext4 partition"), pre);
        click(robot, "#wizardNext");

        assertTrue(text(robot, "#copyPlan").contains("copies the overlay"), text(robot, "#copyPlan"));
        click(robot, "#copyRoot");
        String copied = awaitResult(robot, "step-mCopy");
        assertTrue(copied.startsWith("Copied ") && copied.contains("overlay entries") && copied.contains("/dev/nvme0n1p1"), copied);
        assertTrue(commands().contains("cat | fdisk /dev/nvme0n1") && commands().contains("uci commit fstab"), commands());
        assertFalse(commands().contains("fw_setenv"), "extroot leaves the boot loader alone: " + commands());
        assertTrue(text(robot, "#copyReport").contains("\u2714 Verify the overlay copy"), text(robot, "#copyReport"));
        click(robot, "#wizardNext");

        assertTrue(text(robot, "#rebootPlan").startsWith("Extroot:"), text(robot, "#rebootPlan"));
        click(robot, "#rebootProve");
        String proven = awaitResult(robot, "step-mReboot");
        assertTrue(proven.startsWith("Proven: /overlay is /dev/nvme0n1p1"), proven);
        String dev = text(robot, "#rebootProof");
        assertTrue(dev.startsWith("/overlay is device ") && dev.contains("the same device"), dev);
        assertFalse(robot.lookup("#wizardNext").query().isDisabled());

        click(robot, "#rollBack");
        String back = awaitResult(robot, "step-mReboot");
        assertTrue(back.startsWith("Rolled back and proven: /overlay is the flash's again"), back);
        assertTrue(text(robot, "#rebootProof").endsWith("a different device"), text(robot, "#rebootProof"));
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());
        assertEquals(before, bootargs(board), "the boot loader's environment untouched");
        System.out.printf("fx-extroot-with-rollback %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Stock OpenWrt without block-mount: the window names what to install and writes nothing; Next stays off. */
    @Test
    void stockOpenWrtMissingAPackageStopsBeforeWriting(FxRobot robot) throws Exception {
        SimBoard board = connect(robot, "sim:stock-openwrt");
        click(robot, "#runPreflight");
        String pre = awaitResult(robot, "step-mPreflight");
        assertEquals(StepRun.State.FAILED, h.wizard.currentStep().run().stateProperty().get(), pre);
        assertTrue(pre.startsWith("Nothing was changed, and the root cannot move yet: NVMe driver is a module") && pre.contains("block-mount"), pre);
        assertTrue(robot.lookup("#wizardNext").query().isDisabled());
        assertTrue(board.state().nvme.partitions.isEmpty());
        assertFalse(commands().contains("fdisk /dev") || commands().contains("uci set"), commands());
    }

    /** #13: the board lacks block-mount and reaches the package server: the window installs it and the extroot route opens. */
    @Test
    void stockOpenWrtOnlineGetsItsPackagesInstalledFromTheWindow(FxRobot robot) throws Exception {
        SimBoard board = connect(robot, "sim:stock-openwrt-online");
        click(robot, "#runPreflight");
        String pre = awaitResult(robot, "step-mPreflight");
        assertTrue(pre.contains("block-mount") && pre.contains("The board reaches downloads.openwrt.org"), pre);
        assertTrue(robot.lookup("#installPackages").query().isVisible(), "the install is offered");
        click(robot, "#installPackages");
        waitFor(() -> text(robot, "#step-mPreflight-result").startsWith("Route: NVMe driver is a module"), 90_000,
                "the route opens after the install");
        assertFalse(robot.lookup("#installPackages").query().isVisible(), "nothing is left to install");
        assertFalse(robot.lookup("#wizardNext").query().isDisabled());
        assertTrue(commands().contains("opkg update && opkg install block-mount"), commands());
        assertTrue(board.state().nvme.partitions.isEmpty(), "nothing is written before the user goes on");
    }

    /** A gzip tar made by the host's tar holding {@code files} (programs in sbin/ as executable scripts; openwrt_release naming 25.12.0). */
    private static Path tarball(String name, String... files) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name + ".d"));
        for (String f : files) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.endsWith("openwrt_release") ? "DISTRIB_RELEASE='25.12.0'\n" : "#!/bin/sh\n");
            if (f.contains("sbin/")) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path out = dir.resolve(name);
        Process tar = new ProcessBuilder("tar", "-czf", out.toString(), "-C", root.toString(), ".").inheritIO().start();
        assertEquals(0, tar.waitFor());
        return out;
    }

    private SimBoard connect(FxRobot robot, String spec) {
        return connect(robot, spec, "#flowMigrate");
    }

    private SimBoard connect(FxRobot robot, String spec, String flow) {
        return h.connectSim(robot, spec, flow);
    }

    private String awaitResult(FxRobot robot, String step) {
        return h.awaitResult(robot, step);
    }

    private String commands() {
        return h.commands();
    }

    private static String bootargs(SimBoard board) {
        return WizardHarness.bootargs(board);
    }

    private static String text(FxRobot robot, String id) {
        return WizardHarness.text(robot, id);
    }
}
