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

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaults() {
        Settings s = Settings.load(dir.resolve("settings.properties"));
        assertNull(s.getLastPort());
        assertEquals(115200, s.getBaud());
        assertEquals(Settings.Theme.LIGHT, s.getTheme());
        assertNull(s.getWindow());
        assertTrue(s.recentImages().isEmpty());
    }

    @Test
    void everythingSurvivesSaveAndLoad() throws IOException {
        Path file = dir.resolve("nested/config/settings.properties");
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
        assertTrue(Files.readString(file).contains("theme=dark"), Files.readString(file));
    }

    @Test
    void saveLeavesNoTemporaryFilesAndReplacesTheOldFile() throws IOException {
        Path file = dir.resolve("settings.properties");
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
    void unreadableFileGivesDefaults() throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.write(file, new byte[] {'b', 'a', 'u', 'd', '=', (byte) 0xff, (byte) 0xfe, 0, 'l'});
        Settings s = Settings.load(file);
        assertNull(s.getLastPort());
        assertEquals(115200, s.getBaud());
        assertEquals(Settings.Theme.LIGHT, s.getTheme());
    }

    @Test
    void eachUnusableValueFallsBackAloneAndUnknownKeysAreIgnored() throws IOException {
        Path file = dir.resolve("settings.properties");
        for (String content : new String[] {"", "lastPort=/dev/ttyACM0\nbaud=-5", "lastPort=/dev/ttyACM0\nbaud=fast",
                "lastPort=/dev/ttyACM0\nbaud=99999999999", "lastPort=/dev/ttyACM0\nbaud"}) {
            Files.writeString(file, content);
            Settings s = Settings.load(file);
            assertEquals(115200, s.getBaud(), content);
            assertEquals(content.isEmpty() ? null : "/dev/ttyACM0", s.getLastPort(), content);
        }
        Files.writeString(file, """
                lastPort=/dev/ttyACM0
                baud=921600
                theme=purple
                futureKey=1
                window.x=0
                window.y=0
                window.width=0
                window.height=600
                recentImage.1=/a
                recentImage.2=
                recentImage.3=/b
                recentImage.4=/a
                """);
        Settings s = Settings.load(file);
        assertEquals("/dev/ttyACM0", s.getLastPort());
        assertEquals(921600, s.getBaud());
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

    @Test
    void theLanguageIsKeptAndAnUnknownOneFollowsTheOs() throws IOException {
        Path file = dir.resolve("settings.properties");
        Settings s = new Settings();
        assertEquals(java.util.Locale.GERMANY, s.locale(java.util.Locale.GERMANY), "no choice: the OS's");
        s.setLanguage("zh");
        s.save(file);
        Settings back = Settings.load(file);
        assertEquals("zh", back.getLanguage());
        assertEquals("zh", back.locale(java.util.Locale.GERMANY).getLanguage());
        assertThrows(IllegalArgumentException.class, () -> s.setLanguage("xx"));

        Files.writeString(file, "language=xx\n");
        assertNull(Settings.load(file).getLanguage());
    }
}
