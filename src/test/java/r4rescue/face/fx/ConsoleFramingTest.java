package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which console lines are the program's own framing (drawn quietly), and which are the board's. */
@Tag("unit")
class ConsoleFramingTest {

    @Test
    void ubootCommandEchoAndMarkerAreFraming() {
        assertTrue(ConsoleFraming.isFraming("MT7988> printenv loadaddr; echo R4\"=\"$?=6"));
        assertTrue(ConsoleFraming.isFraming("R4=0=6"));
        assertTrue(ConsoleFraming.isFraming("R4=1=12"));
    }

    @Test
    void shellCommandEchoAndMarkersAreFraming() {
        assertTrue(ConsoleFraming.isFraming("root@OpenWrt:~# echo R4k3zq''7S; cat /proc/mounts; echo R4k3zq''7E $?"));
        assertTrue(ConsoleFraming.isFraming("R4k3zq7S"));
        assertTrue(ConsoleFraming.isFraming("R4k3zq7E 0"));
    }

    @Test
    void theBoardsOwnOutputIsNot() {
        for (String line : new String[] {"loadaddr=0x46000000", "MT7988> printenv loadaddr", "R4 Rescue",
                "echo R4 is here", "R4=", "NOTICE:  BL2: v2.10.0", "/dev/root on / type squashfs (ro)"}) {
            assertFalse(ConsoleFraming.isFraming(line), line);
        }
    }
}
