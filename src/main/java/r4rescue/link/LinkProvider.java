package r4rescue.link;

import java.io.IOException;
import java.util.List;

/**
 * Extra kinds of link found with {@link java.util.ServiceLoader} (the simulated board registers
 * one for {@code sim:} in META-INF/services), so the link layer needs no knowledge of them.
 */
public interface LinkProvider {

    /** True if this provider opens {@code spec} (e.g. it starts with {@code sim:}). */
    boolean accepts(String spec);

    /** A new, not yet opened link for {@code spec}. */
    Link create(String spec, int baud) throws IOException;

    /** Ports this provider offers in the port list (e.g. "Simulated BPI-R4"). */
    default List<PortInfo> ports() {
        return List.of();
    }
}
