package r4rescue.protocol.shell;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import r4rescue.testbed.QemuLinux;

/** The shell driver against a real Linux kernel and BusyBox under QEMU (test bed 3). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealLinuxShellTest {

    QemuLinux vm;
    ShellDriver shell;

    @BeforeAll
    void boot() throws Exception {
        assumeTrue(QemuLinux.available(), "qemu-system-x86_64, a /boot/vmlinuz-* kernel or the guest tools are missing");
        vm = new QemuLinux(QemuLinux.workDir("shell"));
        vm.createDisks(64 << 20, 64 << 20, QemuLinux.ENV_DEFAULT);
        vm.start();
        shell = new ShellDriver(vm.console());
        String prompt = shell.activate(null, 60_000);
        System.out.println("boot_to_prompt " + (System.currentTimeMillis() - vm.startedAt()) + " ms");
        assertEquals("root@OpenWrt:~# ", prompt);
    }

    @AfterAll
    void shutdown() {
        if (shell != null) {
            shell.close();
        }
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void commandsReturnOutputAndExitStatus() throws Exception {
        ShellResult t = shell.run("true");
        assertEquals(0, t.exitStatus());
        assertEquals("", t.output());
        assertEquals(1, shell.run("false").exitStatus());
        ShellResult nf = shell.run("no_such_tool --x");
        assertEquals(127, nf.exitStatus());
        assertTrue(nf.output().contains("not found"), nf.output());
        ShellResult echo = shell.run("echo " + Sh.quote("it's a \"test\" $HOME") + "; echo two");
        assertEquals("it's a \"test\" $HOME\ntwo\n", echo.output());
        assertEquals(3, shell.run("(exit 3)").exitStatus());
    }

    @Test
    void promptChangesWithDirectoryAndIsStillRecognised() throws Exception {
        assertEquals(0, shell.run("cd /tmp").exitStatus());
        assertEquals("/tmp", shell.run("pwd").text());
        assertEquals(0, shell.run("cd").exitStatus());
    }

    @Test
    void kernelMessagesInTheMiddleOfOutputAreRemoved() throws Exception {
        ShellResult r = shell.run("echo before; echo '<3>r4rescue test: kernel noise' > /dev/kmsg; printf 'mid'; "
                + "echo '<3>r4rescue second line' > /dev/kmsg; echo dle; echo after");
        assertEquals(0, r.exitStatus());
        assertEquals("before\nmiddle\nafter\n", r.output());
    }

    @Test
    void timeoutInterruptsAndTheShellStaysUsable() throws Exception {
        ShellException e = assertThrows(ShellException.class, () -> shell.run("sleep 30", 1500));
        assertTrue(e.getMessage().contains("no answer"), e.getMessage());
        assertEquals("ok", shell.run("echo ok").text());
    }
}
