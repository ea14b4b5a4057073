package r4rescue.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The USB-UART chips people wire to the BPI-R4 header, from {@code usb-uart-adapters.json}. */
public final class UsbUartAdapters {

    /** One chip; {@code vid}/{@code pid} are lower-case hex as in {@code lsusb}. */
    public record Adapter(String vid, String pid, String chip, String note) {
    }

    private record Table(String source, List<Adapter> adapters) {
    }

    private static final List<Adapter> ADAPTERS = load();

    private UsbUartAdapters() {
    }

    public static List<Adapter> all() {
        return ADAPTERS;
    }

    /** The adapter with this USB id, if it is one of the known chips. */
    public static Optional<Adapter> find(int vid, int pid) {
        if (vid < 0 || pid < 0) {
            return Optional.empty();
        }
        String v = hex(vid);
        String p = hex(pid);
        return ADAPTERS.stream().filter(a -> a.vid().equals(v) && a.pid().equals(p)).findFirst();
    }

    /** A USB id as four lower-case hex digits, or null when unknown (negative). */
    public static String hex(int id) {
        return id < 0 ? null : String.format("%04x", id);
    }

    private static List<Adapter> load() {
        try (InputStream in = UsbUartAdapters.class.getResourceAsStream("usb-uart-adapters.json")) {
            if (in == null) {
                throw new IllegalStateException("usb-uart-adapters.json missing from the jar");
            }
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(in, Table.class).adapters();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
