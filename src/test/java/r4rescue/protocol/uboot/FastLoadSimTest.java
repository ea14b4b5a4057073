package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.console.Console;
import r4rescue.link.Links;

/**
 * {@code loady ADDR BAUD} on the simulated board, which switches its UART as U-Boot does: the
 * driver follows the switch and back, and the board's CRC matches. (QEMU's U-Boot stops reading
 * after the switch, so only the simulator can show this path succeed.)
 */
@Tag("sim")
class FastLoadSimTest {

    @Test
    void loadFollowsTheRateSwitchAndBack() throws Exception {
        byte[] data = new byte[60_000];
        new Random(3).nextBytes(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        try (Console console = new Console(Links.create("sim:healthy-nand", 115200))) {
            console.open();
            try (UBootSession s = UBootSession.takeHold(console, Duration.ofSeconds(60), e -> { })) {
                LoadResult r = s.loadToRam("fast.bin", data, LoadOptions.defaults(Boards.R4).withFastBaud(921600));
                assertEquals(921600, r.baud());
                assertEquals(crc.getValue(), r.hostCrc());
                assertEquals(r.hostCrc(), r.boardCrc());
                assertEquals(115200, console.link().baud(), "the link is back at the normal rate");
                // and the board still answers at 115200
                assertTrue(s.run("version").ok());
            }
        }
    }
}
