package r4rescue.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The desktop entry and the icons it names. */
@Tag("unit")
class DesktopEntryTest {

    static final Path ENTRY = Path.of("packaging/linux/r4-rescue.desktop");

    @Test
    void entryStartsTheInstalledLauncherWithTheThemedIcon() throws IOException {
        List<String> lines = Files.readAllLines(ENTRY);
        assertEquals("[Desktop Entry]", lines.get(0));
        // The /usr/bin script: no dpkg/rpm query at start, and it uses the AppCDS archive (build-linux.sh).
        assertTrue(lines.contains("Exec=/usr/bin/r4-rescue"));
        assertTrue(lines.contains("Icon=r4-rescue"));
        assertTrue(lines.contains("Categories=Development;Electronics;"));
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256, 512}) {
            byte[] png = Files.readAllBytes(Path.of("assets/icons/r4-rescue-" + size + ".png"));
            assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
            // IHDR width and height, big-endian at offsets 16 and 20.
            assertEquals(size, java.nio.ByteBuffer.wrap(png, 16, 4).getInt(), "width of " + size);
            assertEquals(size, java.nio.ByteBuffer.wrap(png, 20, 4).getInt(), "height of " + size);
        }
        assertEquals("icns", new String(Files.readAllBytes(Path.of("assets/icons/r4-rescue.icns")), 0, 4,
                StandardCharsets.US_ASCII));
        byte[] ico = Files.readAllBytes(Path.of("assets/icons/r4-rescue.ico"));
        assertEquals(List.of(0, 0, 1, 0), List.of((int) ico[0], (int) ico[1], (int) ico[2], (int) ico[3]));
    }

    @Test
    void desktopFileValidateAcceptsIt() throws Exception {
        assumeTrue(Tools.onPath("desktop-file-validate"), "desktop-file-validate absent (apt-get install desktop-file-utils)");
        Tools.Result r = Tools.run(60, "desktop-file-validate", ENTRY.toString());
        assertEquals(0, r.exit(), r.output());
        assertEquals("", r.output().strip());
    }
}
