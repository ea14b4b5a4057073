package r4rescue.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@Tag("unit")
class DesktopsTest {

    @Test
    void eachPlatformUsesItsOwnOpener() {
        Path folder = Path.of("/tmp/logs");
        assertEquals(List.of("xdg-open", "/tmp/logs"), Desktops.openCommand("Linux", folder));
        assertEquals(List.of("open", "/tmp/logs"), Desktops.openCommand("Mac OS X", folder));
        assertEquals("explorer.exe", Desktops.openCommand("Windows 11", folder).get(0));
    }

    @Test
    void aMissingOpenerIsReportedByName() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Desktops.run(List.of("no-such-opener-r4", "/tmp"), false).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("'no-such-opener-r4' could not be started"), e.getCause().getMessage());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theOpenersExitCodeDecides() throws Exception {
        Desktops.run(List.of("true"), false).get(10, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Desktops.run(List.of("false"), false).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("exited with 1"), e.getCause().getMessage());
        Desktops.run(List.of("false"), true).get(10, TimeUnit.SECONDS);
    }
}
