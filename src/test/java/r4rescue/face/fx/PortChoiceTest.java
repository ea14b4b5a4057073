package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.link.PortInfo;

/** Which port the window offers first. */
@Tag("unit")
class PortChoiceTest {

    private static PortInfo port(String spec, boolean adapter) {
        return new PortInfo(spec, spec, "", -1, -1, null, null, adapter);
    }

    private final List<PortInfo> ports = List.of(port("/dev/ttyS0", false), port("/dev/ttyUSB0", true),
            port("sim:healthy-nand", false));

    @Test
    void aUsbAdapterBeforeTheSimulatorBeforeBuiltInPorts() {
        assertEquals(Optional.of("/dev/ttyUSB0"), MainViewModel.defaultPort(ports));
        assertEquals(Optional.of("sim:healthy-nand"), MainViewModel.defaultPort(List.of(port("/dev/ttyS0", false),
                port("sim:healthy-nand", false))));
    }

    @Test
    void theLastUsedPortWinsOnlyWhenItCanBeOpenedNow() {
        assertEquals(Optional.of("/dev/ttyS0"), MainViewModel.preferred(ports, "/dev/ttyS0"));
        assertEquals(Optional.of("sim:bl2-corrupt"), MainViewModel.preferred(ports, "sim:bl2-corrupt"));
        assertEquals(Optional.of("tcp:10.0.0.5:2000"), MainViewModel.preferred(ports, "tcp:10.0.0.5:2000"));
        assertEquals(Optional.empty(), MainViewModel.preferred(ports, "/dev/ttyUSB7"), "an unplugged adapter is not offered");
        assertEquals(Optional.empty(), MainViewModel.preferred(ports, null));
    }
}
