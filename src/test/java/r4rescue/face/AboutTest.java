package r4rescue.face;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.Version;

@Tag("unit")
class AboutTest {

    @Test
    void showsTheBuildVersionAndTheLicence() {
        assertTrue(Version.get().matches("\\d+\\.\\d+\\.\\d+.*"), Version.get());
        assertTrue(About.title().endsWith(Version.get()));
        assertTrue(About.summary().contains("MIT License"));
        assertTrue(About.licence().startsWith("MIT License"));
        assertTrue(About.licence().contains("WITHOUT WARRANTY"));
    }
}
