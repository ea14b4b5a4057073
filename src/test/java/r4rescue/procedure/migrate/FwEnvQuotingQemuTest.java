package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.testbed.QemuLinux;

/**
 * Awkward values through BusyBox ash's line editor on a real console into the real fw_setenv and back
 * out of fw_printenv (Debian's libubootenv-tool) on a redundant environment like the BPI-R4's.
 */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FwEnvQuotingQemuTest {

    QemuLinux vm;
    ShellDriver shell;
    final List<String> sent = new ArrayList<>();

    @BeforeAll
    void boot() throws Exception {
        assumeTrue(QemuLinux.available(), "qemu-system-x86_64, a /boot/vmlinuz-* kernel or the guest tools are missing");
        vm = QemuLinux.boot("fwenv");
        shell = vm.activeShell();
        shell.onSent(sent::add);
    }

    @AfterAll
    void shutdown() {
        QemuLinux.stop(shell, vm);
    }

    @Test
    void awkwardValuesRoundTripThroughTheRealFwSetenv() throws Exception {
        FwEnv env = new FwEnv(shell);
        Map<String, String> values = Map.of(
                "q1", "it's a \"quoted\" value",
                "q2", "$HOME ${PATH} $(reboot) `reboot` $? $$",
                "q3", "back\\slash \\n \\\\ end\\",
                "q4", "semi; reboot && reboot || reboot | cat > /tmp/x & #comment",
                "q5", "  two  spaces  and *?[glob] ~root ",
                "q6", "ünïcödé € 日本",
                "q7", "root=/dev/nvme0n1p1 rootfstype=ext4 rootwait console=ttyS0,115200n1");
        long t0 = System.nanoTime();
        for (Map.Entry<String, String> v : values.entrySet()) {
            env.set(v.getKey(), v.getValue());
        }
        System.out.printf("fw_setenv_7_values %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        Map<String, String> back = env.read();
        for (Map.Entry<String, String> v : values.entrySet()) {
            assertEquals(v.getValue(), back.get(v.getKey()), v.getKey());
            ShellResult one = shell.check("fw_printenv -n " + v.getKey());
            assertEquals(v.getValue(), one.text(), v.getKey());
        }
        assertEquals("", shell.check("ls /tmp/x 2>/dev/null; echo -n").text(), "nothing in a value ran");

        // Stored redundantly: the copy that was not current got the new environment and the higher flag.
        List<Map<String, String>> copies = vm.envCopies();
        int[] flags = vm.envFlags();
        int current = (flags[0] & 0xff) > (flags[1] & 0xff) ? 0 : 1;
        assertNotEquals(flags[0], flags[1]);
        assertEquals(values.get("q7"), copies.get(current).get("q7"), "the current copy holds the last value");
        System.out.printf("env flags %d %d%n", flags[0], flags[1]);
    }

    @Test
    void controlCharactersAreRefusedBeforeAnythingIsTyped() throws Exception {
        FwEnv env = new FwEnv(shell);
        for (String bad : new String[] {"line\nreboot", "a\u0015reboot", "x\u007freboot", "tab\there"}) {
            int before = sent.size();
            assertThrows(IllegalArgumentException.class, () -> env.set("bad", bad));
            assertEquals(before, sent.size(), "nothing was sent for " + bad.codePoints().boxed().toList());
        }
        assertFalse(env.read().containsKey("bad"));
    }

    @Test
    void everyPartOfACompoundCommandIsCheckedOnTheConsole() throws Exception {
        ShellResult drop = shell.run(Sh.all("sync", "echo 3 > /proc/nonexistent/drop_caches", "echo READ-BACK"));
        assertNotEquals(0, drop.exitStatus(), drop.output());
        assertFalse(drop.output().contains("READ-BACK"), drop.output());
        ShellResult pipe = shell.run(Sh.all("head -c 16 /dev/no-such-device | sha256sum"));
        assertNotEquals(0, pipe.exitStatus(), "pipefail: " + pipe.output());
        assertTrue(shell.run(Sh.all("true", "echo ok | cat")).ok());
        assertEquals("0", shell.check("false | true; echo $?").text(), "pipefail does not outlive the command");
    }
}
