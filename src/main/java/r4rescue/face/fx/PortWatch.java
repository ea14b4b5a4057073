package r4rescue.face.fx;

import java.util.List;
import java.util.function.Consumer;

import r4rescue.link.PortInfo;

/** Tells the window when the list of ports changes (adapter plugged in or out). */
public interface PortWatch {

    /** Starts watching; {@code onChange} is called on the FX thread with the full list, first right away. */
    void start(Consumer<List<PortInfo>> onChange);

    void stop();
}
