package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.sim.state.SimState;

/** The simulator boots a board whose profile has four levers: the Boot ROM reads the profile's switch table. */
@Tag("sim")
class SimProfileTest {

    @Test
    void aFourLeverBoardBootsFromWhatItsTableSays() throws Exception {
        Scenario sc = new Scenario();
        sc.board = Boards.QUAD;
        sc.boot = "SNAND";
        sc.nand = new Scenario.Nand();
        SimState state = ScenarioBuilder.build(sc);
        assertEquals(List.of(1, 0, 0, 0), state.levers());
        try (SimHarness h = new SimHarness(state)) {
            assertThrows(IllegalArgumentException.class, () -> h.board.setDip(List.of(0, 1)));
            h.board.setDip(List.of(0, 0, 1, 1)); // the card slot, but no card
            assertEquals(Medium.SD, state.bootMedium());
            h.board.powerOn();
            h.expect("System halt!");
            h.board.powerOff();
            h.board.setDip(List.of(1, 0, 0, 0));
            h.board.powerOn();
            h.expect("Jump to BL");
        }
    }
}
