package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.util.Texts;

/**
 * The layout walk in German, the language with the longest words: every page at 200 % (960×540),
 * the tighter of the walk's two sizes, with {@link LayoutWalkWindowTest}'s checks (nothing cut
 * short, no region outside its parent, no shared mnemonic). Screenshots: {@code target/layout-walk/de-…}.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class GermanLayoutWalkWindowTest {

    @TempDir
    static Path logs;

    private final Locale before = Texts.locale();
    private final LayoutWalkWindowTest walk = new LayoutWalkWindowTest();

    @Start
    void start(Stage stage) {
        Texts.useLocale(Locale.GERMAN); // before the window is built: it reads its words once
        walk.open(stage, logs);
    }

    @AfterEach
    void tearDown() {
        walk.tearDown();
        Texts.useLocale(before);
    }

    @Test
    void everyFlowInGermanAt200Percent(FxRobot robot) throws Exception {
        long t0 = System.nanoTime();
        walk.connect(robot);
        List<String> problems = new ArrayList<>();
        walk.walk(robot, 960, 540, "de", problems);
        System.out.printf("German layout walk: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(List.of(), problems);
    }
}
