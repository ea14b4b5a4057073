package r4rescue.board;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A profile is data: the test-only 4-lever board is read with the same code as the BPI-R4. */
@Tag("unit")
class BoardProfileTest {

    @Test
    void theBpiR4ProfileCarriesItsSwitchLoadAddressAndInstallLine() {
        BoardProfile r4 = Boards.R4;
        assertEquals("SW3", r4.dipBlock());
        assertEquals(List.of(1, 1), r4.dipFor(Medium.SD).levers());
        assertEquals(0x50000000L, r4.loadAddress());
        assertEquals("Press ENTER to return to menu", r4.text("menuReturn"));
        assertTrue(r4.json().path("ram").path("source").asText().contains("loadaddr=0x50000000"));
    }

    @Test
    void aFourLeverBoardNeedsNoCode() {
        BoardProfile q = BoardProfile.load(Boards.QUAD);
        assertEquals(List.of("1", "2", "3", "4"), q.dipLevers());
        assertEquals(Medium.SD, q.mediumFor(List.of(0, 0, 1, 1)));
        assertEquals(Medium.NONE, q.mediumFor(List.of(1, 1, 1, 1)));
        assertEquals(Medium.NONE, q.mediumFor(List.of(0, 1)), "two levers are no position of a four-lever switch");
        assertEquals("K7: 1 off (0), 2 off (0), 3 ON (1), 4 ON (1)", q.dipSetting(Medium.SD));
        assertEquals(0x46000000L, q.loadAddress());
        assertEquals("Press ENTER to return to menu (test board)", q.text("menuReturn"));
    }

    @Test
    void anUnknownBoardIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardProfile.load("no-such-board"));
        assertTrue(e.getMessage().contains("no-such-board"), e.getMessage());
    }
}
