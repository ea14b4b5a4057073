package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import r4rescue.console.StyledLine;

/** The console pane draws the program's command framing quietly, and keeps every line in the scrollback. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class ConsoleFramingWindowTest {

    private ConsoleViewModel vm;
    private ConsolePane pane;

    @Start
    void start(Stage stage) {
        vm = new ConsoleViewModel(1000);
        pane = new ConsolePane(vm);
        stage.setScene(new Scene(pane, 700, 400));
        stage.show();
    }

    @Test
    void framingIsDimAndTheBoardsLinesAreNot(FxRobot robot) {
        String session = "MT7988> printenv loadaddr; echo R4\"=\"$?=6\r\nloadaddr=0x46000000\r\nR4=0=6\r\nMT7988> ";
        byte[] b = session.getBytes(StandardCharsets.US_ASCII);
        vm.assembler().feed(b, 0, b.length);
        WindowFixture.waitFor(() -> pane.shownLines().size() >= 4, 10_000, "four lines shown");
        robot.interact(() -> { });

        List<String> shown = pane.shownLines().stream().map(StyledLine::text).toList();
        assertEquals(List.of("MT7988> printenv loadaddr; echo R4\"=\"$?=6", "loadaddr=0x46000000", "R4=0=6", "MT7988> "),
                shown, "the scrollback keeps every line unchanged");

        Set<String> quiet = cells(robot).stream().filter(c -> c.getPseudoClassStates().contains(StyledLineCell.FRAMING))
                .map(c -> c.getItem().text()).collect(Collectors.toSet());
        assertEquals(Set.of("MT7988> printenv loadaddr; echo R4\"=\"$?=6", "R4=0=6"), quiet);
        for (ListCell<StyledLine> c : cells(robot)) {
            Text t = (Text) ((TextFlow) c.getGraphic()).getChildren().get(0);
            boolean framing = quiet.contains(c.getItem().text());
            assertEquals(framing, t.getFill().equals(ConsoleLook.framing(pane.isDark())), c.getItem().text());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<ListCell<StyledLine>> cells(FxRobot robot) {
        return robot.lookup(".console-cell").queryAll().stream().map(n -> (ListCell<StyledLine>) n)
                .filter(c -> c.getItem() != null).toList();
    }
}
