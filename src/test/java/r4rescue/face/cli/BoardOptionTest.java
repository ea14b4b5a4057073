package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.Boards;

/** {@code --board ID} picks the profile; an unknown id is refused before the board is touched. */
@Tag("sim")
class BoardOptionTest {

    @Test
    void theTestBoardIsAcceptedAndAnUnknownOneRefused(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("quad.json");
        Files.writeString(scenario, "{\"name\": \"quad\", \"board\": \"" + Boards.QUAD + "\", \"boot\": \"SNAND\"}");
        CliRun ok = new CliRun();
        assertEquals(0, ok.run("setenv", "--board", Boards.QUAD, "-p", "sim:" + scenario, "r4test", "quad"), ok.err());
        assertTrue(ok.out().contains("r4test"), ok.out());

        CliRun bad = new CliRun();
        assertEquals(MainCommand.BAD_INPUT, bad.run("setenv", "--board", "no-such-board", "-p", "sim:" + scenario, "r4test", "x"), bad.out());
        assertTrue(bad.err().contains("No board profile 'no-such-board'"), bad.err());
    }
}
