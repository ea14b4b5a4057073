package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StartupClassListTest {

    @Test
    void theShippedListIsCurrentEnough() throws IOException {
        List<String> names;
        try (InputStream in = Preload.class.getResourceAsStream(Preload.CLASS_LIST)) {
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertTrue(names.size() > 500, "a window's worth of classes: " + names.size());
        assertTrue(names.contains(BootTimelineView.class.getName()), "the window's own classes");
        assertTrue(names.contains("javafx.scene.control.skin.TextFieldSkin"), "JavaFX's");
        int found = Preload.linkClasses();
        assertTrue(found >= names.size() * 0.95,
                (names.size() - found) + " of " + names.size() + " listed classes are gone: run StartupClassList");
    }

    @Test
    void theLogGivesNamedClassesFromTheWindowsStartOnceEachInOrder() {
        List<String> log = List.of(
                "[0.044s][info][class,load] r4rescue.face.fx.R4RescueApp source: jar:file:/x.jar!/",
                "[0.100s][info][class,load] com.sun.glass.ui.Application source: jar:file:/x.jar!/",
                "[0.396s][info][class,load] " + StartupClassList.FIRST + " source: jar:file:/x.jar!/",
                "[0.397s][info][class,load] javafx.scene.control.Label source: jar:file:/x.jar!/",
                "[0.398s][info][class,load] r4rescue.face.fx.MainView$$Lambda$120/0x00007f7464113db0 source: r4rescue.face.fx.MainView",
                "[0.399s][info][class,load] java.lang.invoke.LambdaForm$MH/0x0000000800c0c000 source: __JVM_LookupDefineClass__",
                "[0.400s][info][class,load] com.fasterxml.jackson.databind.ObjectMapper source: jar:file:/x.jar!/",
                "[0.401s][info][class,load] java.time.format.DateTimeFormatter source: jrt:/java.base",
                "[0.402s][info][class,load] javafx.scene.control.Label source: jar:file:/x.jar!/",
                "FIRST_FRAME_MS 812");
        assertEquals(List.of(StartupClassList.FIRST, "javafx.scene.control.Label", "java.time.format.DateTimeFormatter"),
                StartupClassList.fromLog(log));
    }
}
