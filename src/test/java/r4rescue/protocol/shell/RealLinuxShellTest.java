package r4rescue.protocol.shell;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

import r4rescue.link.LinkException;
import r4rescue.protocol.CancellationToken;
import r4rescue.testbed.QemuLinux;
import r4rescue.util.Hashes;

/** The shell driver against a real Linux kernel and BusyBox under QEMU (test bed 3). */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    @Test
    void fileGoesToTheBoardAndComesBackWithMatchingSha256() throws Exception {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(shell);
        List<TransferProgress> seen = new ArrayList<>();
        xfer.onProgress(seen::add);
        long t0 = System.nanoTime();
        String sha = xfer.upload(data, "/tmp/up.bin", CancellationToken.none());
        double up = data.length / ((System.nanoTime() - t0) / 1e9);
        assertEquals(Hashes.sha256Hex(data), sha);
        assertTrue(shell.check("sha256sum /tmp/up.bin").output().startsWith(sha));
        assertEquals(0, shell.run("[ -e /tmp/up.bin.part ]").exitStatus() == 0 ? 1 : 0, "no .part left behind");
        assertEquals(data.length, seen.get(seen.size() - 1).done());
        assertTrue(seen.get(seen.size() - 1).bytesPerSecond() > 0);

        shell.check("head -c 204800 /dev/urandom > /tmp/down.bin");
        String boardSha = shell.check("sha256sum /tmp/down.bin").text().substring(0, 64);
        Path local = vm.dir().resolve("down.bin");
        t0 = System.nanoTime();
        assertEquals(boardSha, xfer.download("/tmp/down.bin", local, CancellationToken.none()));
        double down = 204800 / ((System.nanoTime() - t0) / 1e9);
        assertEquals(boardSha, Hashes.sha256Hex(Files.readAllBytes(local)));
        System.out.printf("upload_rate %.0f bytes/s%ndownload_rate %.0f bytes/s%n", up, down);
    }

    @Test
    void cablePulledMidUploadResumesWithoutClaimingAHalfFile() throws Exception {
        byte[] data = new byte[60_000];
        new Random(9).nextBytes(data);
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(shell);
        List<TransferProgress> seen = new ArrayList<>();
        xfer.onProgress(seen::add);
        vm.link().pullAfter(40_000);
        assertThrows(LinkException.class, () -> xfer.upload(data, "/tmp/pulled.bin", CancellationToken.none()));
        long before = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).done();
        assertTrue(before > 0 && before < data.length, "some chunks confirmed before the pull: " + before);
        vm.link().plugIn();
        seen.clear();
        assertNotEquals(0, shell.run("[ -e /tmp/pulled.bin ]").exitStatus(), "the file is not claimed before it is whole");
        String sha = xfer.upload(data, "/tmp/pulled.bin", CancellationToken.none());
        assertEquals(Hashes.sha256Hex(data), sha);
        assertTrue(seen.get(0).done() > before - ConsoleFileTransfer.UPLOAD_CHUNK,
                "resumed near " + before + ", first progress at " + seen.get(0).done());
        assertTrue(shell.check("sha256sum /tmp/pulled.bin").output().startsWith(sha));
    }

    @Test
    void cancelStopsBetweenChunksAndSaysWhere() throws Exception {
        byte[] data = new byte[20_000];
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(shell);
        CancellationToken cancel = new CancellationToken();
        xfer.onProgress(p -> cancel.cancel());
        java.util.concurrent.CancellationException e = assertThrows(java.util.concurrent.CancellationException.class,
                () -> xfer.upload(data, "/tmp/cancelled.bin", cancel));
        assertTrue(e.getMessage().contains("3072 of 20000"), e.getMessage());
        assertNotEquals(0, shell.run("[ -e /tmp/cancelled.bin ]").exitStatus());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void transferRatesAtTheRealUartSpeed() throws Exception {
        // 115200 8N1 carries 11,520 bytes/s: pace the same pty to it and measure what a user gets.
        vm.releaseConsole();
        shell.close();
        r4rescue.console.Console paced = new r4rescue.console.Console(
                new r4rescue.testbed.PacedLink(new r4rescue.link.SerialLink(vm.ptyPath(), 115200), 11_520));
        paced.open();
        ShellDriver slow = new ShellDriver(paced);
        try {
            slow.activate(null, 30_000);
            byte[] data = new byte[24_576];
            new Random(3).nextBytes(data);
            ConsoleFileTransfer xfer = new ConsoleFileTransfer(slow);
            long t0 = System.nanoTime();
            xfer.upload(data, "/tmp/paced.bin", CancellationToken.none());
            double up = data.length / ((System.nanoTime() - t0) / 1e9);
            Path local = vm.dir().resolve("paced.bin");
            t0 = System.nanoTime();
            xfer.download("/tmp/paced.bin", local, CancellationToken.none());
            double down = data.length / ((System.nanoTime() - t0) / 1e9);
            assertArrayEquals(data, Files.readAllBytes(local));
            // A figure, not a verdict: the rate depends on how busy the machine is (a 3,000 bytes/s floor failed
            // once with QEMU and a second test JVM on 2 cores); what must hold is that the bytes arrive whole.
            System.out.printf("upload_rate_115200 %.0f bytes/s%ndownload_rate_115200 %.0f bytes/s%n", up, down);
        } finally {
            slow.close();
            paced.close();
        }
    }
}
