package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash tests' simulator is handed over with Linux up: an Enter the program sends right away gets
 * a shell prompt. A board that is only powered on by this connection would take that Enter during its
 * Boot ROM and stop in U-Boot ({@code MT7988> }), as the first migrate of MigrateCrashResumeTest once did.
 */
@Tag("sim")
class CrashHarnessTest {

    @TempDir
    Path dir;
    private CrashHarness bench;

    @AfterEach
    void stop() throws Exception {
        if (bench != null) {
            bench.close();
        }
    }

    @Test
    void anEnterAtOnceAfterConnectingGetsAShellNotUBoot() throws Exception {
        bench = new CrashHarness(dir);
        bench.startSim("healthy-nand", false);
        int port = Integer.parseInt(bench.port().substring(bench.port().lastIndexOf(':') + 1));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write('\r');
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            int n;
            while (!seen.toString().endsWith("# ") && !seen.toString().endsWith("MT7988> ") && (n = in.read(buf)) > 0) {
                seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            assertTrue(seen.toString().endsWith("# "), "no shell prompt after Enter: " + seen);
        }
    }
}
