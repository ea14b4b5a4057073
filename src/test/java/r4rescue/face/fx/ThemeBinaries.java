package r4rescue.face.fx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javafx.css.Stylesheet;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/**
 * Converts AtlantaFX's Primer light and dark stylesheets to JavaFX's binary CSS
 * ({@code src/main/resources/r4rescue/face/fx/theme/primer-*.bss}): the window then skips parsing
 * 170 KB of CSS on its first frame. It also converts the program's own {@code r4rescue.css} to the
 * {@code r4rescue.bss} beside it, which JavaFX loads in its place. Run again after upgrading
 * AtlantaFX or editing r4rescue.css ({@code ThemeBinariesTest} fails while they differ).
 */
public final class ThemeBinaries {

    static final Path DIR = Path.of("src/main/resources/r4rescue/face/fx/theme");
    static final Path APP_CSS = Path.of("src/main/resources/r4rescue/face/fx/r4rescue.css");

    private ThemeBinaries() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
        write(dir);
        Stylesheet.convertToBinary(APP_CSS.toFile(), appBinary(APP_CSS).toFile());
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        convert(new PrimerLight().getUserAgentStylesheet(), dir.resolve(R4RescueApp.THEME_LIGHT));
        convert(new PrimerDark().getUserAgentStylesheet(), dir.resolve(R4RescueApp.THEME_DARK));
    }

    /** The binary JavaFX looks for beside {@code css}. */
    static Path appBinary(Path css) {
        return css.resolveSibling(css.getFileName().toString().replace(".css", ".bss"));
    }

    private static void convert(String resource, Path bss) throws IOException {
        Path css = Files.createTempFile("primer", ".css");
        try (InputStream in = PrimerLight.class.getResourceAsStream(resource)) {
            Files.copy(in, css, StandardCopyOption.REPLACE_EXISTING);
        }
        Stylesheet.convertToBinary(css.toFile(), bss.toFile());
        Files.delete(css);
    }
}
