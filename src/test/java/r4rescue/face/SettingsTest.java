package r4rescue.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaults() {
        Settings s = Settings.load(dir.resolve("settings.json"));
        assertNull(s.getLastPort());
        assertEquals(115200, s.getBaud());
        assertEquals(Settings.Theme.LIGHT, s.getTheme());
        assertNull(s.getWindow());
        assertTrue(s.recentImages().isEmpty());
    }

    @Test
    void everythingSurvivesSaveAndLoad() throws IOException {
        Path file = dir.resolve("nested/config/settings.json");
        Settings s = new Settings();
        s.setLastPort("/dev/ttyUSB0");
        s.setBaud(921600);
        s.setTheme(Settings.Theme.DARK);
        s.setWindow(new Settings.WindowBounds(10, 20, 1280, 800, true));
        s.addRecentImage(dir.resolve("a.bin"));
        s.addRecentImage(dir.resolve("b.bin"));
        s.save(file);

        Settings back = Settings.load(file);
        assertEquals("/dev/ttyUSB0", back.getLastPort());
        assertEquals(921600, back.getBaud());
        assertEquals(Settings.Theme.DARK, back.getTheme());
        assertEquals(new Settings.WindowBounds(10, 20, 1280, 800, true), back.getWindow());
        assertEquals(List.of(dir.resolve("b.bin"), dir.resolve("a.bin")), back.recentImages());
        assertTrue(Files.readString(file).contains("\"theme\" : \"dark\""), Files.readString(file));
    }

    @Test
    void saveLeavesNoTemporaryFilesAndReplacesTheOldFile() throws IOException {
        Path file = dir.resolve("settings.json");
        Settings s = new Settings();
        s.setLastPort("COM3");
        s.save(file);
        s.setLastPort("COM4");
        s.save(file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals("COM4", Settings.load(file).getLastPort());
    }

    @Test
    void corruptOrWrongFileGivesDefaults() throws IOException {
        Path file = dir.resolve("settings.json");
        for (String content : new String[] {"{\"lastPort\": \"/dev/ttyUSB0\", \"baud\": ", "", "null", "[1,2]",
                "\u0000\u00ff garbage", "{\"baud\": \"fast\"}"}) {
            Files.writeString(file, content);
            Settings s = Settings.load(file);
            assertNull(s.getLastPort(), content);
            assertEquals(115200, s.getBaud(), content);
        }
    }

    @Test
    void unusableValuesFallBackAndUnknownKeysAreIgnored() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, """
                {"lastPort": "/dev/ttyACM0", "baud": -5, "theme": null, "futureKey": {"x": 1},
                 "window": {"x": 0, "y": 0, "width": 0, "height": 600, "maximized": false},
                 "recentImages": ["/a", "", "/b", "/a", null]}
                """);
        Settings s = Settings.load(file);
        assertEquals("/dev/ttyACM0", s.getLastPort());
        assertEquals(115200, s.getBaud());
        assertEquals(Settings.Theme.LIGHT, s.getTheme());
        assertNull(s.getWindow());
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), s.recentImages());
    }

    @Test
    void recentImagesKeepTheNewestTenWithoutDuplicates() {
        Settings s = new Settings();
        for (int i = 0; i < 15; i++) {
            s.addRecentImage(dir.resolve("img" + i + ".bin"));
        }
        s.addRecentImage(dir.resolve("sub/../img9.bin"));
        List<Path> recent = s.recentImages();
        assertEquals(Settings.MAX_RECENT, recent.size());
        assertEquals(dir.resolve("img9.bin"), recent.get(0));
        assertEquals(dir.resolve("img14.bin"), recent.get(1));
        assertEquals(dir.resolve("img5.bin"), recent.get(9));
        assertEquals(recent.size(), recent.stream().distinct().count());
    }

    @Test
    void badValuesAreRefusedWhenSet() {
        Settings s = new Settings();
        assertThrows(IllegalArgumentException.class, () -> s.setBaud(0));
        assertThrows(NullPointerException.class, () -> s.setTheme(null));
    }
}
