package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.board.Boards;
import r4rescue.face.fx.MainView;
import r4rescue.face.fx.MainViewModel;
import r4rescue.face.fx.R4RescueApp;
import r4rescue.face.fx.WindowFixture;
import r4rescue.link.PipeLink;
import r4rescue.util.Texts;

/**
 * The window speaks the language chosen before its first text (the settings' or the OS's): with
 * Chinese, the main window and a wizard page are Chinese; built again in English, English.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class WindowLanguageTest {

    @TempDir
    static Path logs;

    private final Locale before = Texts.locale();
    private Stage stage;
    private MainViewModel vm;
    private WizardViewModel wizardVm;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void tearDown() {
        Texts.useLocale(before);
        close();
    }

    private void open(FxRobot robot, Locale language) {
        robot.interact(() -> {
            Texts.useLocale(language);
            vm = WindowFixture.viewModel(WindowFixture.pipes(new AtomicReference<PipeLink>(), (d, o, n) -> { }), logs, 5000,
                    WindowFixture.adapter("board", "pipe", "Test board"));
            wizardVm = new WizardViewModel(vm, Boards.R4);
            MainView view = R4RescueApp.assemble(vm, wizardVm);
            WindowFixture.show(stage, vm, view, 1200, 800);
        });
    }

    private void close() {
        if (wizardVm != null) {
            wizardVm.shutdown();
            vm.shutdown();
            wizardVm = null;
        }
    }

    @Test
    void chineseWindowAndWizardPageThenEnglishAgain(FxRobot robot) {
        open(robot, Locale.SIMPLIFIED_CHINESE);
        assertEquals("连接", robot.lookup("#connectButton").queryButton().getText());
        assertEquals("未连接", text(robot, "#timelineStatus"));
        assertTrue(shown(robot, "你的板子出了什么问题？"), "the wizard's question in Chinese");
        assertEquals("_3  修复 bootargs", robot.lookup("#flowBootargs").queryButton().getText());
        assertEquals("语言", ((MainView) stage.getScene().getRoot()).languageMenu().getText());
        WizardHarness.click(robot, "#flowBootargs");
        assertTrue(shown(robot, "第 1 步，共 4 步 —— 让板子停在 U-Boot"), "the step line in Chinese");
        assertEquals("停在 U-Boot(_S)", robot.lookup("#holdUboot").queryButton().getText());
        assertTrue(shown(robot, "你要做的"), "the hands section in Chinese");

        close();
        open(robot, Locale.ENGLISH);
        assertEquals("Connect", robot.lookup("#connectButton").queryButton().getText());
        assertEquals("Not connected", text(robot, "#timelineStatus"));
        assertTrue(shown(robot, "What happened to your board?"));
        WizardHarness.click(robot, "#flowBootargs");
        assertTrue(shown(robot, "Step 1 of 4 — Stop the board in U-Boot"));
        assertEquals("_Stop in U-Boot", robot.lookup("#holdUboot").queryButton().getText());
    }

    @Test
    void theLanguageMenuOffersSystemAndEachLanguageInItsOwnWordsAndSaysWhichWasPicked(FxRobot robot) {
        open(robot, Locale.ENGLISH);
        MainView view = (MainView) stage.getScene().getRoot();
        AtomicReference<String> picked = new AtomicReference<>("none");
        robot.interact(() -> view.languageMenu().setOnChosen(picked::set));
        assertEquals(java.util.List.of("System", "English", "简体中文", "Deutsch"),
                view.languageMenu().getItems().stream().map(MenuItem::getText).toList());
        robot.interact(() -> view.languageMenu().getItems().get(2).fire());
        assertEquals("zh", picked.get());
        robot.interact(() -> view.languageMenu().getItems().get(0).fire());
        assertNull(picked.get(), "System is no language of its own: the OS's");
    }

    @Test
    void theApplicationTakesTheSettingsLanguageBeforeItsFirstText() throws Exception {
        java.nio.file.Path file = r4rescue.face.Settings.defaultFile();
        byte[] kept = java.nio.file.Files.exists(file) ? java.nio.file.Files.readAllBytes(file) : null;
        try {
            r4rescue.face.Settings s = new r4rescue.face.Settings();
            s.setLanguage("zh");
            s.save(file);
            Texts.useLocale(Locale.ENGLISH);
            new R4RescueApp().init();
            assertEquals("zh", Texts.locale().getLanguage());
        } finally {
            if (kept == null) {
                java.nio.file.Files.deleteIfExists(file);
            } else {
                java.nio.file.Files.write(file, kept);
            }
        }
    }

    private static String text(FxRobot robot, String id) {
        return WindowFixture.onFx(() -> ((Labeled) robot.lookup(id).query()).getText());
    }

    private static boolean shown(FxRobot robot, String text) {
        return WindowFixture.onFx(() -> robot.lookup((Node n) -> n instanceof Labeled l && text.equals(l.getText())).tryQuery().isPresent());
    }
}
