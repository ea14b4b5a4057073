package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import javafx.css.Stylesheet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped binary themes are exactly AtlantaFX's stylesheets of the version on the classpath. */
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
}
