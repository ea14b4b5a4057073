package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.AppDirs;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Journal;
import r4rescue.util.Hashes;

/** {@code journal} lists and clears; {@code resume} refuses a changed file before anything is sent, and says SD rescue only after an erase began. */
@Tag("sim")
class JournalCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private Path journals;

    @AfterEach
    void leaveNoJournal() throws Exception {
        if (journals != null) {
            clean();
        }
    }

    @BeforeEach
    void clean() throws Exception {
        assumeTrue(System.getProperty("r4rescue.home") != null, "runs under surefire, whose r4rescue.home is in target/");
        journals = AppDirs.forThisUser().journals();
        if (Files.isDirectory(journals)) {
            try (var s = Files.list(journals)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A FIP flash that died after its erase began, on {@code port}. */
    private Journal killedFlash(Path file, String port) throws Exception {
        return killedFlash(file, port, BoardState.damaged("Damaged: the old fip is gone."));
    }

    private Journal killedFlash(Path file, String port, BoardState last) throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", file.toString());
        f.put("sha256", Hashes.sha256Hex(Files.readAllBytes(file)));
        Journal j = Journal.start(journals, "flash", Map.of("title", "FIP flash", "part", "fip", "route", "uboot",
                "file", f, "board", port, "port", port, "baud", 115200, "boardProfile", "bpi-r4"));
        j.intent("Write", "writing");
        j.state(last);
        j.close();
        return j;
    }

    @Test
    void listsTheInterruptedRunAsJsonAndClearsIt() throws Exception {
        assertEquals(0, cli.run("resume", "--yes"));
        assertTrue(cli.out().startsWith("Nothing to resume"), cli.out());
        Path file = Files.write(dir.resolve("a.fip"), SyntheticImages.fip(4000, 8000, 1));
        Journal j = killedFlash(file, "tcp:127.0.0.1:9");
        cli.clear();
        assertEquals(0, cli.run("journal", "--json"));
        JsonNode list = new ObjectMapper().readTree(cli.out());
        assertEquals(1, list.size());
        assertEquals(j.id(), list.get(0).get("id").asText());
        assertTrue(list.get(0).get("unfinished").asBoolean());
        assertEquals("damaged", list.get(0).get("state").asText());
        assertTrue(list.get(0).get("words").asText().contains("the FIP is probably damaged"), list.toString());
        cli.clear();
        assertEquals(0, cli.run("journal"));
        assertTrue(cli.out().contains("UNFINISHED") && cli.out().contains("r4-rescue resume"), cli.out());
        cli.clear();
        assertEquals(2, cli.run("journal", "--clear", "nope"));
        assertEquals(0, cli.run("journal", "--clear", j.id()));
        assertFalse(Files.exists(j.file()));
    }

    @Test
    void resumeRefusesAChangedFileBeforeTheBoardIsTouched() throws Exception {
        Path file = Files.write(dir.resolve("a.fip"), SyntheticImages.fip(4000, 8000, 2));
        try (ServerSocket spy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Journal j = killedFlash(file, "tcp:127.0.0.1:" + spy.getLocalPort());
            Files.write(file, SyntheticImages.fip(4000, 8000, 3));
            assertEquals(2, cli.run("resume", "--yes"), cli.err());
            assertTrue(cli.out().contains("after the erase began: the FIP is probably damaged"), cli.out());
            assertTrue(cli.err().contains("changed since the flash") && cli.err().contains("Nothing was sent"), cli.err());
            spy.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, spy::accept, "nothing may reach the board");
            assertTrue(Files.exists(j.file()), "the journal is kept");
        }
    }

    /**
     * A board that starts but never reaches U-Boot (here it halts in the Boot ROM) is said to need the
     * SD rescue only when the journal says the erase had begun; before that, it is no answer.
     */
    @Test
    void sdRescueOnlyWhenTheEraseHadBegun() throws Exception {
        Path file = Files.write(dir.resolve("a.fip"), SyntheticImages.fip(4000, 8000, 4));
        Journal before = killedFlash(file, "sim:bl2-corrupt", BoardState.untouched("Flash untouched."));
        assertEquals(3, cli.run("resume", "--yes", "--timeout", "3"), cli.err());
        assertFalse(cli.err().contains("SD rescue"), cli.err());
        Files.delete(before.file());
        cli.clear();
        killedFlash(file, "sim:bl2-corrupt");
        assertEquals(1, cli.run("resume", "--yes", "--timeout", "3"), cli.err());
        assertTrue(cli.err().contains("the FIP on the board is damaged. The board needs the SD rescue."), cli.err());
    }
}
