package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 23's crash tests: the simulated board served over TCP by its own process (it outlives the
 * program), a board command run in its own process and held by its journal right after its Nth record
 * ({@code -Dr4rescue.journal.holdAfter=N}) so a SIGKILL lands at that step boundary, and the journals
 * read back record by record.
 */
public final class CrashHarness {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINUX_UP = "Please press Enter to activate this console.";
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    public final Path journals;
    private final Path dir;
    private Process sim;
    private int simPort;

    /** Journals of this test JVM's home; skipped outside surefire, which sets it. */
    public CrashHarness(Path dir) throws Exception {
        String home = System.getProperty("r4rescue.home");
        assumeTrue(home != null, "runs under surefire, whose r4rescue.home keeps journals in target/");
        this.dir = dir;
        journals = Path.of(home, "state", "journal");
        clearJournals();
    }

    /** Stops the simulator and leaves no unfinished journal for a window test that runs after this one. */
    public void close() throws Exception {
        if (sim != null) {
            sim.destroyForcibly();
        }
        clearJournals();
    }

    public void clearJournals() throws Exception {
        if (Files.isDirectory(journals)) {
            try (var s = Files.list(journals)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static List<String> java(String... args) {
        List<String> c = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Dr4rescue.home=" + System.getProperty("r4rescue.home"),
                "-cp", System.getProperty("java.class.path")));
        c.addAll(List.of(args));
        return c;
    }

    /** A fresh simulated board; {@code cycle}: power-cycled at each connection. */
    public void startSim(String scenario, boolean cycle) throws Exception {
        if (sim != null) {
            sim.destroyForcibly().waitFor();
        }
        List<String> cmd = java("r4rescue.Launcher", "simulate", scenario, "--tcp", "127.0.0.1:0");
        if (cycle) {
            cmd.add("--power-cycle-on-connect");
        }
        sim = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        Matcher m = LISTENING.matcher(line == null ? "" : line);
        assertTrue(m.find(), "simulator said: " + line);
        simPort = Integer.parseInt(m.group(1));
        awaitLinux();
    }

    /**
     * Connects once and waits until the board has booted Linux, then lets go (the board keeps running).
     * Without this the program's own connection powers on a cold simulator JVM, which under load stays
     * silent longer than the shell driver's first quiet wait (400 ms): its Enter then reaches the board
     * before U-Boot's autoboot, which stops at {@code MT7988> } and no shell ever comes. A user runs
     * migrate on a board already up, which is what this makes; with {@code cycle} the next connection
     * boots again, but in a warm JVM that prints at once.
     */
    private void awaitLinux() throws Exception {
        try (Socket s = new Socket("127.0.0.1", simPort)) {
            s.setSoTimeout(60_000);
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            int n;
            while (seen.indexOf(LINUX_UP) < 0 && (n = in.read(buf)) > 0) {
                seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            assertTrue(seen.indexOf(LINUX_UP) >= 0, "the simulated board did not boot Linux: " + seen);
        }
    }

    /** The board goes away (the adapter pulled): its process is killed. */
    void pullTheCable() throws Exception {
        sim.destroyForcibly().waitFor();
    }

    public String port() {
        return "tcp:127.0.0.1:" + simPort;
    }

    /**
     * Runs the program with {@code args} in its own process: to its end when {@code hold} is 0 (it must
     * exit 0), else held after journal record {@code hold} and killed with SIGKILL. Returns its output.
     */
    public String run(int hold, String... args) throws Exception {
        Path log = dir.resolve("run.log");
        List<String> cmd = java("-Dr4rescue.journal.holdAfter=" + hold, "r4rescue.Launcher");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (hold == 0) {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(log));
            return Files.readString(log);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log).contains("journal hold after record " + hold)) {
            assertTrue(p.isAlive(), "the run ended before record " + hold + ": " + Files.readString(log));
            assertTrue(System.nanoTime() < end, "no hold: " + Files.readString(log));
            Thread.sleep(20);
        }
        p.destroyForcibly(); // SIGKILL on Linux
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        return Files.readString(log);
    }

    /** The one journal there is. */
    public Path journal() throws Exception {
        try (var s = Files.list(journals)) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    public static List<JsonNode> records(Path journal) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(journal)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    /** The step boundaries: the records after which the run sends the board something (intents and states). */
    static List<Integer> boundaries(List<JsonNode> full) {
        return boundaries(full, "intent", "state");
    }

    /** The records of those {@code types} (e.g. "intent": each step's start), by their number. */
    static List<Integer> boundaries(List<JsonNode> full, String... types) {
        List<String> wanted = List.of(types);
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            if (wanted.contains(full.get(i).get("t").asText())) {
                b.add(i + 1);
            }
        }
        return b;
    }
}
