package r4rescue.face;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import r4rescue.Version;
import r4rescue.util.Texts;

/** The text of the About box: name, version from the build, and the licence shipped in the jar. */
public final class About {

    private About() {
    }

    public static String title() {
        return "R4 Rescue " + Version.get();
    }

    public static String summary() {
        return Texts.t("fx.about.summary", Version.get());
    }

    /** The full licence text (MIT). */
    public static String licence() {
        try (InputStream in = About.class.getResourceAsStream("/r4rescue/LICENSE.txt")) {
            if (in == null) {
                throw new IllegalStateException("LICENSE.txt missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
