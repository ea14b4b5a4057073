package r4rescue.link;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.link.LinkException.Reason;

@Tag("unit")
class OpenErrorsTest {

    @Test
    void permissionDeniedNamesTheDevicesGroupAndTheUdevRule() {
        LinkException e = OpenErrors.explainPosix("/dev/ttyUSB0", 13, true, "dialout");
        assertEquals(Reason.PERMISSION, e.reason());
        assertTrue(e.getMessage().contains("/dev/ttyUSB0"));
        assertTrue(e.fix().contains("sudo usermod -aG dialout $USER"), e.fix());
        assertTrue(e.fix().contains("log out"), e.fix());
        assertTrue(e.fix().contains("/etc/udev/rules.d/60-r4-rescue.rules"), e.fix());
    }

    @Test
    void theFixThatAppliesHereIsNamedWithACommandToCopy() throws Exception {
        LinkException plain = OpenErrors.explainPosix("/dev/ttyUSB0", 13, true, "dialout");
        assertEquals("sudo usermod -aG dialout $USER", plain.command());

        LinkException notYet = OpenErrors.explainPosix("/dev/ttyUSB0", 13, true, "dialout",
                new OpenErrors.Situation(false, true));
        assertTrue(notYet.fix().contains("not in this login session yet"), notYet.fix());
        assertEquals("newgrp dialout", notYet.command());

        LinkException rule = OpenErrors.explainPosix("/dev/ttyUSB0", 13, true, "uucp",
                new OpenErrors.Situation(true, false));
        assertTrue(rule.fix().contains("udev rule is installed"), rule.fix());
        assertTrue(rule.fix().contains("unplug the adapter"), rule.fix());
        assertEquals("sudo usermod -aG uucp $USER", rule.command());

        java.nio.file.Path groups = java.nio.file.Files.createTempFile("group", "");
        java.nio.file.Files.writeString(groups, "root:x:0:\ndialout:x:20:alice,bob\nuucp:x:14:\n");
        assertTrue(OpenErrors.listedInGroup(groups, "dialout", "bob"));
        assertFalse(OpenErrors.listedInGroup(groups, "dialout", "carol"));
        assertFalse(OpenErrors.listedInGroup(groups, "uucp", "bob"));
    }

    @Test
    void archLikeSystemsGetTheUucpGroup() {
        LinkException e = OpenErrors.explainPosix("/dev/ttyUSB0", 13, true, "uucp");
        assertTrue(e.fix().contains("sudo usermod -aG uucp $USER"), e.fix());
        assertFalse(e.fix().contains("dialout"));
    }

    @Test
    void aRootOwnedOrUnknownGroupFallsBackToDialoutNeverRoot() {
        assertTrue(OpenErrors.explainPosix("/dev/ttyACM0", 1, true, "root").fix().contains("-aG dialout"));
        assertTrue(OpenErrors.explainPosix("/dev/ttyACM0", 13, true, null).fix().contains("-aG dialout"));
    }

    @Test
    void busyPortsAndVanishedDevices() {
        assertEquals(Reason.BUSY, OpenErrors.explainPosix("/dev/ttyUSB0", 16, true, "dialout").reason());
        assertEquals(Reason.BUSY, OpenErrors.explainPosix("/dev/ttyUSB0", 11, true, "dialout").reason());
        LinkException busy = OpenErrors.explainPosix("/dev/ttyUSB0", 16, true, "dialout");
        assertTrue(busy.getMessage().contains("in use by another program"), busy.getMessage());
        assertEquals(Reason.NOT_FOUND, OpenErrors.explainPosix("/dev/ttyUSB0", 13, false, null).reason());
        assertEquals(Reason.NOT_FOUND, OpenErrors.explainPosix("/dev/ttyUSB0", 19, true, "dialout").reason());
        assertEquals(Reason.OTHER, OpenErrors.explainPosix("/dev/ttyUSB0", 5, true, "dialout").reason());
    }

    @Test
    void windowsAccessDeniedMeansAnotherProgramHasIt() {
        assertEquals(Reason.BUSY, OpenErrors.explainWindows("COM3", 5).reason());
        assertEquals(Reason.NOT_FOUND, OpenErrors.explainWindows("COM3", 2).reason());
    }

    @Test
    void groupOfARealDeviceIsRead() {
        assertNotNull(OpenErrors.group(java.nio.file.Path.of("/dev/null")));
    }
}
