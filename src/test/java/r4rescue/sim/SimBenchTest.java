package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.board.BoardProfile;
import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.link.LinkListener;
import r4rescue.link.LinkState;
import r4rescue.link.Links;
import r4rescue.link.PortInfo;
import r4rescue.sim.state.SimState;

/** Hands on the bench: switches, SD card, faults, saved state, the port list. */
@Tag("sim")
class SimBenchTest {

    @Test
    void dipTableFromBoardData() {
        BoardProfile d = Boards.R4;
        assertEquals(List.of("A", "B"), d.dipLevers());
        assertEquals(Medium.SNAND, d.mediumFor(List.of(0, 1)));
        assertEquals(Medium.EMMC, d.mediumFor(List.of(1, 0)));
        assertEquals(Medium.SD, d.mediumFor(List.of(1, 1)));
        assertEquals(Medium.NONE, d.mediumFor(List.of(0, 0)));
        assertEquals("SW3: A down (1), B down (1)", d.dipSetting(Medium.SD));
        SimState s = new SimState();
        for (BoardProfile.DipPosition p : d.dipPositions()) {
            s.dip = p.levers();
            assertEquals(p.medium(), s.bootMedium());
        }
    }

    @Test
    void wrongSwitchOrNoCardHalts() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.board.setDip(Medium.SD); // SD, but no card
            h.board.powerOn();
            h.expect("EC: 0000 0000 \\[3000\\]");
            h.expect("System halt!");
            h.board.powerOff();
            h.board.setDip(Medium.SNAND);
            h.board.powerOn();
            h.expect("Jump to BL");
        }
    }

    @Test
    void stateSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("board.json");
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            h.uboot("setenv marker saved-by-test; saveenv");
            h.uboot("mw.l 50000000 deadbeef 100; mtd erase bl2 0x180000 0x80000; mtd write bl2 50000000 0x180000 0x400");
            ScenarioBuilder.save(h.board.state(), file);
        }
        try (SimHarness h = new SimHarness(ScenarioBuilder.load(file.toString()))) {
            h.bootToPrompt();
            assertEquals("marker=saved-by-test\r\n", h.uboot("printenv marker"));
            h.uboot("mtd read bl2 51000000 0x180000 0x800");
            assertTrue(h.uboot("md.l 51000000 4").startsWith("51000000: deadbeef deadbeef deadbeef deadbeef"));
        }
    }

    @Test
    void noiseCorruptsAndPullCableDisconnects() throws Exception {
        try (SimHarness clean = new SimHarness("healthy-nand"); SimHarness noisy = new SimHarness("healthy-nand")) {
            clean.board.powerOn();
            clean.expect("Please press Enter");
            noisy.board.faults().noiseRate = 0.01;
            noisy.board.powerOn();
            noisy.expect("Net:   eth0");
            Thread.sleep(200);
            assertNotEquals(clean.output().substring(0, 2000), noisy.output().substring(0, 2000));
        }
        List<String> states = new CopyOnWriteArrayList<>();
        SimBoard board = new SimBoard(ScenarioBuilder.load("healthy-nand"));
        SimLink link = new SimLink("t", 115200, board);
        board.faults().pullAtEvent = "uboot";
        link.open(new LinkListener() {
            @Override
            public void onBytes(byte[] data, int offset, int length) {
            }

            @Override
            public void onState(LinkState state, String detail) {
                states.add(state.name());
            }
        });
        for (int i = 0; i < 100 && !states.contains("DISCONNECTED"); i++) {
            Thread.sleep(20);
        }
        assertTrue(states.contains("DISCONNECTED"), states.toString());
        board.replugCable();
        assertEquals("OPEN", states.get(states.size() - 1));
        link.close();
    }

    @Test
    void pullAfterBytesCutsTheOutput() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.board.faults().pullAfterBytes = 500;
            h.board.powerOn();
            Thread.sleep(300);
            assertFalse(h.link.isConnected());
            int len = h.output().length();
            assertTrue(len >= 500 && len < 2000, "bytes before the pull: " + len);
            h.board.replugCable();
            assertTrue(h.link.isConnected());
        }
    }

    @Test
    void dropsLoseBytesFromHost() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.bootToPrompt();
            h.board.faults().dropRate = 1.0;
            h.send("version\r");
            Thread.sleep(200);
            assertFalse(h.recent().contains("U-Boot 2024.10"));
            h.board.faults().dropRate = 0;
            assertTrue(h.uboot("version").contains("U-Boot 2024.10-OpenWrt"));
        }
    }

    @Test
    void portListOffersSimulatedBoard() throws Exception {
        List<PortInfo> ports = Links.list();
        assertTrue(ports.stream().anyMatch(p -> p.description().equals("Simulated BPI-R4") && p.spec().equals("sim:healthy-nand") && !p.likelyAdapter()));
        assertTrue(Links.create("sim:bl2-corrupt", 115200) instanceof SimLink);
    }
}
