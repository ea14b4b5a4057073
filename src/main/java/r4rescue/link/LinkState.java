package r4rescue.link;

public enum LinkState {
    OPEN,
    /** The peer went away (adapter unplugged, socket closed); the link may come back by itself. */
    DISCONNECTED,
    /** Trying to get the same peer back. */
    RECONNECTING,
    /** Closed on purpose; no more events. */
    CLOSED
}
