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

    /** Names that can stand in a spec of this provider (the simulator's scenarios), for a picker. */
    default List<String> variants() {
        return List.of();
    }

    /** The variant {@code spec} names, or null. */
    default String variantOf(String spec) {
        return null;
    }

    /** {@code spec} naming {@code variant} instead, with its other options kept. */
    default String withVariant(String spec, String variant) {
        return spec;
    }

    /** Reads its data ahead of first use; called on a background thread once the window is up. */
    default void preload() throws IOException {
    }
}
