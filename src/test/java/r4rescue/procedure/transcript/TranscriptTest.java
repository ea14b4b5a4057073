package r4rescue.procedure.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import r4rescue.AppDirs;
import r4rescue.console.Console;
import r4rescue.console.RecordingLink;
import r4rescue.console.SecretMask;
import r4rescue.console.SessionLog;
import r4rescue.console.SessionSteps;
import r4rescue.face.cli.MainCommand;
import r4rescue.link.PipeLink;

/** A transcript holds what the issue lists, with typed passwords and secret variables masked. */
@Tag("sim")
class TranscriptTest {

    @TempDir
    Path tmp;

    private static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                out.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    @Test
    void secretVariablesAreMaskedLengthKept() {
        assertEquals("wifi_key=*****  root_password=***", SecretMask.text("wifi_key=hello  root_password=abc"));
        assertEquals("MT7988> setenv psk_key ****", SecretMask.text("MT7988> setenv psk_key s3cr"));
        assertEquals("\toption key ********", SecretMask.text("\toption key 'abc123'"));
        assertEquals("bootdelay=3 ipaddr=192.168.1.1", SecretMask.text("bootdelay=3 ipaddr=192.168.1.1"));
    }

    private static void awaitLogged(SessionLog log, String text) throws IOException, InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!Files.readString(log.logFile(), StandardCharsets.ISO_8859_1).contains(text)) {
            assertTrue(System.nanoTime() < end, "never logged: " + text);
            Thread.sleep(2);
        }
    }

    /** A board that asks for a password and echoes what is typed (echo left on), and prints a secret. */
    @Test
    void aTypedPasswordNeverReachesTheTranscript() throws Exception {
        Path logs = tmp.resolve("logs");
        PipeLink[] self = new PipeLink[1];
        PipeLink board = new PipeLink("board", 115200, (d, off, len) -> {
            self[0].deliver(d, off, len); // the echo, in order, before the board's next words
        });
        self[0] = board;
        SessionLog log = SessionLog.start(logs, "/dev/ttyUSB0");
        try (SessionSteps steps = SessionSteps.start(log); Console c = new Console(new RecordingLink(board, steps))) {
            c.subscribe("log", log);
            c.open();
            byte[] prompt = "\r\nOpenWrt login: root\r\nPassword: ".getBytes(StandardCharsets.US_ASCII);
            board.deliver(prompt, 0, prompt.length);
            awaitLogged(log, "OpenWrt login"); // the prompt line itself is written when it ends
            c.send("hunter2\r");
            byte[] env = "\r\nwifi_key=0xDEADBEEF\r\nroot@OpenWrt:~# ".getBytes(StandardCharsets.US_ASCII);
            board.deliver(env, 0, env.length);
            awaitLogged(log, "wifi_key");
        }
        log.close();
        Path zip = tmp.resolve("t.zip");
        Transcript.write(Transcript.find(logs, null), zip, "test");
        Map<String, String> z = unzip(zip);
        for (String name : new String[] {"README.md", "console.bin", "console.log", "steps.jsonl", "diagnosis.json",
                "files.json", "system.json"}) {
            assertTrue(z.containsKey(name), name);
            assertFalse(z.get(name).contains("hunter2"), name + ": " + z.get(name));
            assertFalse(z.get(name).contains("DEADBEEF"), name + ": " + z.get(name));
        }
        assertTrue(z.get("steps.jsonl").contains("\"text\":\"*******\\r\""), z.get("steps.jsonl"));
        assertTrue(z.get("console.log").contains("wifi_key=**********"), z.get("console.log"));
    }

    /** Every board command records a session; transcript --last packs it with the files used. */
    @Test
    void aCliCommandIsRecordedAndPacked() throws Exception {
        Path file = tmp.resolve("img.bin");
        Files.write(file, new byte[] {1, 2, 3});
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new MainCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("setenv", "root_pass", "pw4711", "-p", "sim:healthy-nand"));
        assertEquals(MainCommand.NO_LINK, cl.execute("load", file.toString(), "-p", "sim:healthy-nand@off", "--timeout", "0.3"));
        Path zip = tmp.resolve("last.zip");
        assertEquals(0, new CommandLine(new MainCommand()).execute("transcript", "--last", "--out", zip.toString()));
        Map<String, String> z = unzip(zip);
        assertTrue(z.get("files.json").contains("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"), z.get("files.json"));
        assertTrue(z.get("README.md").contains("r4-rescue load " + file), z.get("README.md"));
        Path first = Transcript.sessions(AppDirs.forThisUser().logs()).stream()
                .filter(p -> {
                    try {
                        return Files.readString(SessionSteps.beside(p)).contains("root_pass");
                    } catch (IOException e) {
                        return false;
                    }
                }).reduce((a, b) -> b).orElseThrow();
        Transcript.write(first, zip, "test");
        Map<String, String> s = unzip(zip);
        for (String v : s.values()) {
            assertFalse(v.contains("pw4711"), v);
        }
    }
}
