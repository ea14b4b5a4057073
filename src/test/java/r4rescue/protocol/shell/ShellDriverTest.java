package r4rescue.protocol.shell;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.Console;
import r4rescue.link.PipeLink;

@Tag("unit")
class ShellDriverTest {

    FakeAsh ash = new FakeAsh();

    ShellDriver open() throws Exception {
        PipeLink link = new PipeLink("fake", 115200, ash);
        ash.link = link;
        Console c = new Console(link);
        c.open();
        return new ShellDriver(c);
    }

    @Test
    void activatesOpenWrtConsoleAndLearnsThePrompt() throws Exception {
        try (ShellDriver sh = open()) {
            ash.boot();
            assertEquals("root@OpenWrt:~# ", sh.activate(null, 10_000));
        }
    }

    @Test
    void logsInAsRootAndLearnsABusyBoxPrompt() throws Exception {
        ash.mode = "login";
        ash.prompt = "~ # ";
        try (ShellDriver sh = open()) {
            ash.send("\r\nOpenWrt login: ");
            assertEquals("~ # ", sh.activate(null, 10_000));
        }
    }

    @Test
    void aUBootPromptIsNotTakenForAShell() throws Exception {
        ash.mode = null;
        ash.prompt = "MT7988> ";
        try (ShellDriver sh = open()) {
            assertThrows(ShellException.class, () -> sh.activate(null, 2_000));
        }
    }

    @Test
    void outputIsCleanedAndTheEchoCannotFakeTheMarkers() throws Exception {
        ash.answers.put("cat /proc/cmdline", new FakeAsh.Answer(
                "\u001b[1;32mconsole=ttyS0\u001b[0m root=[  812.000001] nvme nvme0: I/O timeout\n/dev/fit0 rootwait\n", 0));
        ash.answers.put("false", new FakeAsh.Answer("", 1));
        try (ShellDriver sh = open()) {
            ash.boot();
            sh.activate(null, 10_000);
            List<String> sent = new ArrayList<>();
            sh.onSent(sent::add);
            ShellResult r = sh.run("cat /proc/cmdline");
            assertEquals("console=ttyS0 root=/dev/fit0 rootwait\n", r.output());
            assertEquals(0, r.exitStatus());
            assertEquals(1, sh.run("false").exitStatus());
            ShellResult nf = sh.run("fw_setenv x y");
            assertTrue(nf.notFound());
            assertEquals("-ash: fw_setenv: not found\n", nf.output());
            assertEquals(List.of("cat /proc/cmdline", "false", "fw_setenv x y"), sent);
        }
    }

    @Test
    void refusesLinesLongerThanTheLineEditorKeeps() throws Exception {
        try (ShellDriver sh = open()) {
            ash.boot();
            sh.activate(null, 10_000);
            assertThrows(IllegalArgumentException.class, () -> sh.run("echo " + "x".repeat(600)));
        }
    }

    @Test
    void quotingSurvivesEverything() {
        assertEquals("'it'\\''s'", Sh.quote("it's"));
        assertEquals("'$HOME \"x\"'", Sh.quote("$HOME \"x\""));
    }

    @Test
    void kernelLinesAndAnsiAreRemoved() {
        assertEquals("abcdef\nnext\n", ShellText.clean("abc[   12.345678] usb 1-1: new device\r\ndef\r\n\u001b[0mnext\r\n"));
        assertTrue(ShellText.isKernelLine("[    0.000000] Booting Linux on physical CPU 0x0"));
        assertFalse(ShellText.isKernelLine("[1] not kernel"));
    }
}
