package r4rescue.protocol.brom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;

/**
 * Handshake bytes the host sent before the Boot ROM started reading (a late CPU thread, a receive FIFO
 * that kept them) are answered all at once: complements of A0 that are not the answer to the byte
 * just sent. The Boot ROM's own loop takes an A0 at any point as a new start, so it stays in step;
 * the host must too. Here those stale answers are still on the wire when the host purges (a slow or
 * busy line), so a host that reset on them lost the Boot ROM's last answer after the Boot ROM had
 * already entered download mode, and then got "Nothing came back" for as long as it tried.
 */
@Tag("unit")
class BromHandshakeStaleAnswerTest {

    private static final int[] HS = {0xa0, 0x0a, 0x50, 0x05};

    /** The Boot ROM's handshake loop (as the simulator's BromDownload), its FIFO already holding {@code queued} A0s. */
    private static final class QueuedBrom implements SerialLine {
        final ArrayDeque<Integer> wire = new ArrayDeque<>();
        final List<Integer> fifo = new ArrayList<>();
        int i;
        boolean downloadMode;

        QueuedBrom(int queued) {
            for (int k = 0; k < queued; k++) {
                fifo.add(HS[0]);
            }
        }

        @Override
        public void write(byte[] data, int off, int len) {
            for (int k = off; k < off + len; k++) {
                fifo.add(data[k] & 0xff);
            }
            for (int r : fifo) {
                if (downloadMode) {
                    continue; // a byte that is no command: ignored
                }
                if (r == HS[i]) {
                    wire.add(~r & 0xff);
                    i++;
                } else if (r == HS[0]) {
                    wire.add(~r & 0xff);
                    i = 1;
                } else {
                    i = 0;
                }
                downloadMode = i == HS.length;
            }
            fifo.clear();
        }

        @Override
        public int read(long timeoutMs) {
            Integer b = wire.poll();
            return b == null ? -1 : b;
        }

        @Override
        public void purge() {
            // the answers are still on the wire: nothing has arrived to drop
        }

        @Override
        public void setBaud(int baud) {
        }

        @Override
        public int baud() {
            return 115200;
        }
    }

    @Test
    void staleAnswersToQueuedHandshakeBytesDoNotLoseTheBootRom() throws Exception {
        for (int queued = 0; queued <= 4; queued++) {
            QueuedBrom brom = new QueuedBrom(queued);
            List<HandshakeStatus> seen = new ArrayList<>();
            new BromClient(brom, Boards.R4.uartBoot()).handshake(1000, seen::add, () -> false);
            assertTrue(brom.downloadMode, queued + " queued");
            assertEquals(4, seen.get(seen.size() - 1).reached(), queued + " queued");
        }
    }
}
