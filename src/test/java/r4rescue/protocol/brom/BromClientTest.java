package r4rescue.protocol.brom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import r4rescue.board.Boards;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The handshake's verdicts on lines that are not a listening Boot ROM, and the two checksums. */
@Tag("unit")
class BromClientTest {

    /** A line whose far end answers every byte written with {@code answer} (negative: nothing). */
    private static SerialLine line(IntUnaryOperator answer) {
        return new SerialLine() {
            private final ArrayDeque<Integer> in = new ArrayDeque<>();

            @Override
            public int read(long timeoutMs) {
                Integer b = in.poll();
                return b == null ? -1 : b;
            }

            @Override
            public void write(byte[] data, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    int a = answer.applyAsInt(data[i] & 0xff);
                    if (a >= 0) {
                        in.add(a);
                    }
                }
            }

            @Override
            public void purge() {
                in.clear();
            }

            @Override
            public void setBaud(int baud) {
            }

            @Override
            public int baud() {
                return 115200;
            }
        };
    }

    private static UartFailure verdict(IntUnaryOperator answer) {
        UartBootException e = assertThrows(UartBootException.class,
                () -> new BromClient(line(answer), Boards.R4.uartBoot()).handshake(300, s -> { }, () -> false));
        return e.failure();
    }

    @Test
    void nothingBackMeansNoAnswer() {
        assertEquals(UartFailure.NO_ANSWER, verdict(b -> -1));
    }

    @Test
    void ourOwnBytesBackMeanTxAndRxShorted() {
        UartBootException e = assertThrows(UartBootException.class,
                () -> new BromClient(line(b -> b), Boards.R4.uartBoot()).handshake(300, s -> { }, () -> false));
        assertEquals(UartFailure.OWN_ECHO, e.failure());
        assertTrue(e.explanation().contains("TX and RX are shorted"), e.explanation());
    }

    @Test
    void noiseBackMeansWrongVoltageOrBadAdapter() {
        java.util.Random r = new java.util.Random(1);
        UartBootException e = assertThrows(UartBootException.class,
                () -> new BromClient(line(b -> 0x80 + r.nextInt(0x70)), Boards.R4.uartBoot()).handshake(300, s -> { }, () -> false));
        assertEquals(UartFailure.GARBAGE, e.failure());
        assertTrue(e.explanation().contains("3.3 V"), e.explanation());
    }

    @Test
    void readableTextBackMeansTheBoardBootedWithoutListening() {
        assertEquals(UartFailure.NOT_LISTENING, verdict(b -> 'F'));
    }

    @Test
    void aListeningBootRomCompletesTheHandshake() throws Exception {
        HandshakeStatus[] last = new HandshakeStatus[1];
        new BromClient(line(b -> ~b & 0xff), Boards.R4.uartBoot()).handshake(1000, s -> last[0] = s, () -> false);
        assertEquals(4, last[0].reached());
        assertEquals("the Boot ROM answered", last[0].describe());
    }

    @Test
    void bootRomChecksumIsXorOfLittleEndianWords() {
        assertEquals(0x0201 ^ 0x0403, BromChecksum.of(new byte[] {1, 2, 3, 4}));
        assertEquals(0x0201 ^ 0x0005, BromChecksum.of(new byte[] {1, 2, 5}));
    }

    @Test
    void fipChecksumIsOnesComplementSumOfBigEndianWords() {
        assertEquals(0x0102 + 0x0304, r4rescue.protocol.bl2dl.FipChecksum.of(new byte[] {1, 2, 3, 4}, 0, 4));
        assertEquals(0x0002, r4rescue.protocol.bl2dl.FipChecksum.of(new byte[] {(byte) 0xff, (byte) 0xff, 0, 2}, 0, 4)); // the carry wraps round
        assertEquals(0x0500, r4rescue.protocol.bl2dl.FipChecksum.of(new byte[] {5}, 0, 1));
    }
}
