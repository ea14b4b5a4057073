package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import r4rescue.board.SyntheticImages;

/**
 * Ctrl-C during {@code flash} on the paced simulator: a real SIGINT raised in this JVM while the
 * command runs. This class holds SIGINT with a handler of its own between the flashes, so a signal
 * that arrives late cannot end the test JVM.
 */
@Tag("sim")
class FlashCtrlCTest {

    private static final Signal INT = new Signal("INT");

    @TempDir
    Path dir;
    private SignalHandler before;

    @BeforeEach
    void holdSigint() {
        before = Signal.handle(INT, s -> { });
        assumeFalse(before == SignalHandler.SIG_IGN, SigintIgnored.WHY);
    }

    @AfterEach
    void giveSigintBack() {
        Signal.handle(INT, before);
    }

    /** Runs the flash of a small FIP, raising SIGINT {@code times} times as soon as stdout shows {@code when}. */
    private int flashWithCtrlC(CliRun cli, String when, int times) throws Exception {
        Path f = dir.resolve("openwrt-bananapi_bpi-r4-snand-bl31-uboot.fip");
        Files.write(f, SyntheticImages.fip(10_000, 40_000, 131));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() ->
                cli.run("flash", f.toString(), "--part", "fip", "--yes", "-p", "sim:healthy-nand@paced"));
        long end = System.currentTimeMillis() + 120_000;
        while (!cli.out().contains(when) && !run.isDone() && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        assertFalse(run.isDone(), "the flash ended before '" + when + "':\n" + cli.out() + cli.err());
        for (int i = 0; i < times; i++) {
            Signal.raise(INT);
        }
        return run.get(120, TimeUnit.SECONDS);
    }

    @Test
    void ctrlCBeforeTheEraseStopsWith130AndTheBoardUntouched() throws Exception {
        CliRun cli = new CliRun();
        int code = flashWithCtrlC(cli, "== Send the image to RAM", 1);
        assertEquals(130, code, cli.out() + cli.err());
        assertFalse(cli.out().contains("> ubi write"), cli.out());
        assertTrue(cli.err().contains("CANCELLED"), cli.err());
        assertTrue(cli.err().contains("Board state: untouched"), cli.err());
    }

    @Test
    void ctrlCInTheMiddleOfTheEraseFinishesTheWriteAndSaysVerified() throws Exception {
        CliRun cli = new CliRun();
        int code = flashWithCtrlC(cli, "> ubi write", 1);
        assertEquals(0, code, cli.out() + cli.err());
        assertTrue(cli.err().contains("^C: stopping at the next safe point"), cli.err());
        assertTrue(cli.out().contains("The cancel came after the erase had begun"), cli.out());
        assertTrue(cli.out().contains("Board state: verified"), cli.out());
    }

    @Test
    void secondCtrlCAbortsAndSaysDamagedUseTheSdRescue() throws Exception {
        CliRun cli = new CliRun();
        int code = flashWithCtrlC(cli, "> ubi write", 2);
        assertEquals(1, code, cli.out() + cli.err());
        assertTrue(cli.err().contains("^C again: aborting"), cli.err());
        assertTrue(cli.err().contains("Board state: damaged"), cli.err());
        assertTrue(cli.err().contains("rescued from the SD card"), cli.err());
        assertFalse(cli.out().contains("> ubi read"), "aborted before the read-back:\n" + cli.out());
    }
}
