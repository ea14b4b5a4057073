package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.procedure.sdcard.LoopDevice;
import r4rescue.procedure.sdcard.UDisks2;
import r4rescue.procedure.sdcard.UDisks2Double;
import r4rescue.procedure.unbrick.RescueImageFile;

/**
 * {@code sdcard write} where UDisks2 runs (a test double on a private bus, over a loop device): the
 * card is opened by OpenDevice and its descriptor carries the write and the verify (exit 0); when
 * UDisks2 refuses (polkit said no) the command stops with exit 3 and UDisks2's words, the card untouched.
 * Proven only against the double: polkit's prompt and the real udisksd.
 */
@Tag("qemu")
class SdcardUDisks2CommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private static JsonNode last(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void writesThroughOpenDeviceAndARefusalIsExit3() throws Exception {
        Path img = RescueImageFile.write(dir.resolve("openwrt-bananapi_bpi-r4-sdcard.img.gz"), 8L << 20, true);
        String before = System.getProperty(UDisks2.BUS_PROPERTY);
        try (UDisks2Double udisks = UDisks2Double.start(); LoopDevice loop = LoopDevice.attach(dir, 12L << 20)) {
            String dev = loop.device.toString();
            udisks.add(dev, loop.device);
            System.setProperty(UDisks2.BUS_PROPERTY, udisks.address);

            udisks.refuse(new UDisks2Double.NotAuthorizedCanObtain("Not authorized to perform operation"));
            assertEquals(3, cli.run("sdcard", "write", img.toString(), "--device", dev, "--yes", "--unsafe", "--json"), cli.err());
            assertTrue(cli.err().contains("Not authorized to perform operation") && cli.err().contains("Nothing was written"), cli.err());
            JsonNode no = last(cli.out());
            assertEquals("no_permission", no.get("result").asText());
            assertEquals("sdcard.udisks.openRefused", no.get("id").asText());
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(loop.file), 1 << 20);
            assertArrayEquals(new byte[1 << 20], head, "nothing was written");

            udisks.refuse(null);
            udisks.calls.clear();
            cli.clear();
            assertEquals(MainCommand.OK, cli.run("sdcard", "write", img.toString(), "--device", dev, "--yes", "--unsafe", "--json"), cli.err());
            JsonNode r = last(cli.out());
            assertEquals("verified", r.get("result").asText());
            assertEquals(8L << 20, r.get("bytes").asLong());
            assertTrue(udisks.calls.stream().anyMatch(c -> c.startsWith("OpenDevice " + loop.device.getFileName() + " rw")), udisks.calls.toString());
        } finally {
            if (before == null) {
                System.clearProperty(UDisks2.BUS_PROPERTY);
            } else {
                System.setProperty(UDisks2.BUS_PROPERTY, before);
            }
        }
    }
}
