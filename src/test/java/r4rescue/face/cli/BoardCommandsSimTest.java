package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import r4rescue.sim.ScenarioBuilder;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimServer;

/**
 * The U-Boot subcommands end to end against one simulated board served on TCP (so what it stores
 * lives on between commands, as on a bench), through the real TcpLink.
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardCommandsSimTest {

    private SimBoard board;
    private SimServer server;
    private String port;

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    void serve() throws Exception {
        board = new SimBoard(ScenarioBuilder.load("healthy-nand"));
        board.setTimeScale(0);
        board.setCountdownFloorMs(300);
        server = new SimServer(board, "127.0.0.1", 0).start();
        port = "tcp:127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Run run(String... args) {
        CommandLine cl = new CommandLine(new MainCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-p";
        all[args.length + 1] = port;
        all[args.length + 2] = "--timeout";
        all[args.length + 3] = "60";
        return new Run(cl.execute(all), out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void interruptStopsTheBootAtTheLearnedPrompt() {
        board.powerCycle();
        Run r = run("interrupt");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("MT7988> "), r.out());
    }

    @Test
    @Order(2)
    void setenvSavesAValueThatSurvivesAPowerCycle() {
        String value = "a b;c $d 'q' \"dq\"";
        Run set = run("setenv", "r4test", value, "--save");
        assertEquals(0, set.code(), set.err() + set.out());
        board.powerCycle();
        Run get = run("env", "r4test");
        assertEquals(0, get.code(), get.err());
        assertTrue(get.out().contains(value), get.out());
    }

    @Test
    @Order(3)
    void bootargsRepairChangesOnlyTheRootAndSurvivesAPowerCycle() {
        Run before = run("env", "bootargs");
        assertTrue(before.out().contains("root=/dev/fit0"), before.out());
        Run fix = run("bootargs", "--root", "/dev/nvme0n1p1", "--rootfstype", "ext4", "--save");
        assertEquals(0, fix.code(), fix.err() + fix.out());
        board.powerCycle();
        Run after = run("env", "bootargs");
        assertTrue(after.out().contains("root=/dev/nvme0n1p1"), after.out());
        assertTrue(after.out().contains("rootfstype=ext4"), after.out());
        assertTrue(after.out().contains("console=ttyS0,115200n1"), "other arguments kept: " + after.out());
        assertTrue(after.out().contains("pci=pcie_bus_perf"), "other arguments kept: " + after.out());
    }

    @Test
    @Order(4)
    void loadArrivesIntactThroughNoiseAndDroppedBytes() throws Exception {
        byte[] data = new byte[40_000];
        new Random(7).nextBytes(data);
        Path file = Files.write(tmp.resolve("image.bin"), data);
        CRC32 crc = new CRC32();
        crc.update(data);
        board.faults().noiseRate = 1e-3;
        board.faults().dropRate = 1e-4;
        try {
            Run r = run("load", file.toString());
            assertEquals(0, r.code(), r.err() + r.out());
            assertTrue(r.out().contains(String.format("crc32 host %08x board %08x: match", crc.getValue(), crc.getValue())),
                    r.out());
        } finally {
            board.faults().noiseRate = 0;
            board.faults().dropRate = 0;
        }
    }

    @Test
    @Order(5)
    void aCablePullDuringLoadIsNoLink() throws Exception {
        Path file = Files.write(tmp.resolve("big.bin"), new byte[200_000]);
        board.faults().pullAfterBytes = 30_000;
        try {
            Run r = run("load", file.toString());
            assertEquals(MainCommand.NO_LINK, r.code(), r.err() + r.out());
        } finally {
            board.faults().pullAfterBytes = -1;
        }
    }
}
