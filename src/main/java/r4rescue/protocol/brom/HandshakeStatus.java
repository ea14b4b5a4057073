package r4rescue.protocol.brom;

/**
 * What the handshake has seen so far, for a live indicator: bytes sent, how far the handshake got
 * (0..4), and what came back that was not an answer.
 *
 * @param sent    handshake bytes sent
 * @param reached how many of the four handshake bytes the Boot ROM has answered in a row
 * @param echoes  bytes that came back unchanged (our own, on a looped line)
 * @param readable readable characters (a board booting normally)
 * @param noise   other bytes (wrong voltage, bad adapter)
 */
public record HandshakeStatus(long sent, int reached, long echoes, long readable, long noise) {

    /** The failure these figures point to when the handshake gives up. */
    public UartFailure verdict() {
        long other = readable + noise;
        if (echoes >= 4 && echoes >= other) {
            return UartFailure.OWN_ECHO;
        }
        if (noise >= 8 && noise >= readable) {
            return UartFailure.GARBAGE;
        }
        if (readable >= 8) {
            return UartFailure.NOT_LISTENING;
        }
        return UartFailure.NO_ANSWER;
    }

    /** One line for the user, e.g. "waiting for the Boot ROM: 812 tries, no answer yet". */
    public String describe() {
        if (reached == 4) {
            return "the Boot ROM answered";
        }
        String seen = switch (verdict()) {
            case OWN_ECHO -> "only our own bytes come back";
            case GARBAGE -> "only garbage comes back";
            case NOT_LISTENING -> "the board is printing, not answering";
            default -> reached > 0 ? "the Boot ROM is answering" : "no answer yet";
        };
        return String.format("waiting for the Boot ROM: %,d tries, %s", sent, seen);
    }
}
