package r4rescue.console;

import r4rescue.link.LinkState;

/** Consumer of the console's byte stream, called on its own thread in arrival order. */
public interface ByteSink {

    void onBytes(byte[] chunk);

    default void onState(LinkState state, String detail) {
    }
}
