package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import javafx.css.Stylesheet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped binary themes are exactly AtlantaFX's stylesheets of the version on the classpath. */
@Tag("unit")
class ThemeBinariesTest {

    @TempDir
    Path dir;

    @Test
    void shippedBinaryThemesMatchTheLibrarysStylesheets() throws Exception {
        ThemeBinaries.write(dir);
        for (String name : new String[] {R4RescueApp.THEME_LIGHT, R4RescueApp.THEME_DARK}) {
            var url = R4RescueApp.class.getResource("theme/" + name);
            assertNotNull(url, name + " is shipped");
            Stylesheet shipped = Stylesheet.loadBinary(url);
            Stylesheet fresh = Stylesheet.loadBinary(dir.resolve(name).toUri().toURL());
            assertTrue(shipped.getRules().size() > 500, "a whole theme: " + shipped.getRules().size() + " rules");
            // the binary names the file it was made from, so compare what it says, not its bytes
            assertEquals(fresh.getRules().toString(), shipped.getRules().toString(),
                    name + " is stale: run ThemeBinaries after an AtlantaFX upgrade");
        }
    }

    @Test
    void theProgramsOwnBinaryStylesheetMatchesItsSourceAndIsTheOneLoaded() throws Exception {
        Path fresh = dir.resolve("r4rescue.bss");
        Stylesheet.convertToBinary(ThemeBinaries.APP_CSS.toFile(), fresh.toFile());
        var url = R4RescueApp.class.getResource("r4rescue.bss");
        assertNotNull(url, "r4rescue.bss is shipped beside r4rescue.css, so JavaFX loads it instead of parsing");
        Stylesheet shipped = Stylesheet.loadBinary(url);
        assertTrue(shipped.getRules().size() > 10, "the whole stylesheet: " + shipped.getRules().size() + " rules");
        assertEquals(Stylesheet.loadBinary(fresh.toUri().toURL()).getRules().toString(), shipped.getRules().toString(),
                "r4rescue.bss is stale: run ThemeBinaries after editing r4rescue.css");
        assertTrue(R4RescueApp.stylesheet().endsWith("r4rescue.css"), R4RescueApp.stylesheet());
    }
}
