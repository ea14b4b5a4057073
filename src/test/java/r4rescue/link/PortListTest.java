package r4rescue.link;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class PortListTest {

    private static PortInfo port(String spec, String serial, boolean likely) {
        return new PortInfo(spec, spec, "test", 0x1a86, 0x7523, serial, null, likely);
    }

    @Test
    void adapterTableComesFromJsonAndKnowsTheUsualChips() {
        assertEquals("WCH CH340", UsbUartAdapters.find(0x1a86, 0x7523).orElseThrow().chip());
        assertTrue(UsbUartAdapters.find(0x10c4, 0xea60).isPresent());
        assertTrue(UsbUartAdapters.find(0x0403, 0x6001).isPresent());
        assertTrue(UsbUartAdapters.find(0x067b, 0x23a3).isPresent());
        assertTrue(UsbUartAdapters.find(0x1a86, 0x55d4).isPresent());
        assertFalse(UsbUartAdapters.find(0x1d6b, 0x0002).isPresent());
        assertFalse(UsbUartAdapters.find(-1, -1).isPresent());
        assertEquals("0403", UsbUartAdapters.hex(0x403));
        assertTrue(UsbUartAdapters.all().size() >= 10);
    }

    @Test
    void listingWorksWithoutAdapters() {
        List<PortInfo> ports = Links.list();
        // Likely adapters first, whatever this machine has.
        boolean seenOther = false;
        for (PortInfo p : ports) {
            if (!p.likelyAdapter()) {
                seenOther = true;
            } else {
                assertFalse(seenOther, "adapter listed after a non-adapter: " + ports);
            }
        }
    }

    @Test
    void identityMatchesBySerialNumberNotByRenumberedName() {
        DeviceIdentity id = new DeviceIdentity(null, "A50285BI", 0x1a86, 0x7523, "/dev/ttyUSB0");
        assertNull(id.locate(() -> List.of(port("/dev/ttyUSB0", "OTHER", true))));
        assertEquals("/dev/ttyUSB1", id.locate(() -> List.of(port("/dev/ttyUSB0", "OTHER", true),
                port("/dev/ttyUSB1", "A50285BI", true))));
    }

    @Test
    void identityMatchesByStablePathWhenItResolves(@TempDir Path dir) throws Exception {
        Path target = Files.createFile(dir.resolve("pts-9"));
        Path link = dir.resolve("by-id-link");
        DeviceIdentity id = new DeviceIdentity(link.toString(), null, -1, -1, target.toString());
        assertNull(id.locate(List::of));
        Files.createSymbolicLink(link, target);
        assertEquals(link.toString(), id.locate(List::of));
        Files.delete(target); // dangling: the device is gone
        assertNull(id.locate(List::of));
    }
}
