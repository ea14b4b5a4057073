package r4rescue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AppDirsTest {

    private final Path home = Path.of("/home/u");

    @Test
    void linuxFollowsXdgAndIgnoresRelativeValues() {
        AppDirs d = AppDirs.of("Linux", Map.of("XDG_STATE_HOME", "/s", "XDG_CONFIG_HOME", "rel"), home);
        assertEquals(Path.of("/s/r4-rescue/logs"), d.logs());
        assertEquals(Path.of("/home/u/.config/r4-rescue"), d.config());
        assertEquals(Path.of("/home/u/.local/share/r4-rescue"), d.data());
    }

    @Test
    void overrideAndOtherPlatforms() {
        assertEquals(Path.of("/t/state"), AppDirs.of("Linux", Map.of("R4RESCUE_HOME", "/t"), home).state());
        assertEquals(Path.of("C:/a/R4 Rescue"), AppDirs.of("Windows 11", Map.of("APPDATA", "C:/a"), home).config().normalize());
        assertEquals(Path.of("/home/u/Library/Logs/R4 Rescue"), AppDirs.of("Mac OS X", Map.of(), home).state());
    }
}
