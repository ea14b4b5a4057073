package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import r4rescue.protocol.brom.UartFailure;

/** {@code simulate --export-images} and {@code uartboot} as a script would run them, with their exit codes. */
@Tag("sim")
class UartbootCommandTest {

    @TempDir
    Path dir;

    private Path export() {
        CliRun cli = new CliRun();
        assertEquals(0, cli.run("simulate", "--export-images", dir.toString()), cli.err());
        return dir;
    }

    @Test
    void exportWritesTheThreeImages() throws Exception {
        export();
        assertTrue(Files.size(dir.resolve("ram-bl2.bin")) > 100_000);
        assertTrue(Files.size(dir.resolve("snand-bl2.img")) > 100_000);
        assertTrue(Files.size(dir.resolve("snand.fip")) > 700_000);
    }

    @Test
    void uartOnlyBoardReachesUBootsPrompt() {
        export();
        CliRun cli = new CliRun();
        int code = cli.run("uartboot", "-p", "sim:uart-only", "--bl2", dir.resolve("ram-bl2.bin").toString(),
                "--fip", dir.resolve("snand.fip").toString(), "--timeout", "20");
        assertEquals(0, code, cli.out() + cli.err());
        assertTrue(cli.out().contains("The Boot ROM answered: hardware code 0x7988."), cli.out());
        assertTrue(cli.out().contains("  | NOTICE:  Starting UART download handshake ..."), cli.out());
        assertTrue(cli.out().contains("Received FIP"), cli.out());
        assertTrue(cli.out().contains("Done: the board waits at U-Boot's prompt."), cli.out());
    }

    @Test
    void jsonWithoutFipStopsWhenBl2Runs() throws Exception {
        export();
        CliRun cli = new CliRun();
        int code = cli.run("uartboot", "-p", "sim:uart-only", "--bl2", dir.resolve("ram-bl2.bin").toString(),
                "--no-fast", "--json", "--timeout", "20");
        assertEquals(0, code, cli.out() + cli.err());
        JsonNode j = new ObjectMapper().readTree(cli.out());
        assertEquals("bl2", j.get("reached").asText());
        assertEquals(115200, j.get("bl2Baud").asInt());
    }

    @Test
    void flashBl2GivenAsRamBl2ExitsTwoWithNothingSent() {
        export();
        CliRun cli = new CliRun();
        int code = cli.run("uartboot", "-p", "sim:uart-only", "--bl2", dir.resolve("snand-bl2.img").toString());
        assertEquals(2, code, cli.err());
        assertTrue(cli.err().contains("not a RAM BL2") && cli.err().contains("Nothing was sent"), cli.err());
    }

    @Test
    void noLinkExitsThree() {
        export();
        CliRun cli = new CliRun();
        int code = cli.run("uartboot", "-p", "tcp:127.0.0.1:1", "--bl2", dir.resolve("ram-bl2.bin").toString(), "--timeout", "2");
        assertEquals(3, code, cli.err());
    }

    @Test
    void exitCodesOfTheFailures() {
        assertEquals(3, UartbootCommand.exitCode(UartFailure.NO_ANSWER));
        assertEquals(3, UartbootCommand.exitCode(UartFailure.OWN_ECHO));
        assertEquals(3, UartbootCommand.exitCode(UartFailure.GARBAGE));
        assertEquals(1, UartbootCommand.exitCode(UartFailure.BL2_REFUSED));
        assertEquals(1, UartbootCommand.exitCode(UartFailure.SECURE_BOOT));
    }
}
