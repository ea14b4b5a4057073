package r4rescue.procedure.transcript;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import r4rescue.console.SecretMask;
import r4rescue.console.SessionSteps;
import r4rescue.console.bootlog.BootDiagnosis;
import r4rescue.console.bootlog.SavedLog;
import r4rescue.util.Texts;

/**
 * One file to share when a rescue fails: a zip of a recorded session with the raw console bytes,
 * the timestamped text, the steps and commands (JSON lines), the diagnosis of the boot log, the files
 * used (name, size, SHA-256), the program version and OS, and a README.md for a forum post. Typed
 * passwords were masked when recorded; values of variables named like {@code *pass*}/{@code *key*}
 * are masked here ({@link SecretMask}).
 */
public final class Transcript {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Transcript() {
    }

    /** The recorded sessions in {@code logs}, oldest first (their raw {@code .bin} files). */
    public static List<Path> sessions(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(logs)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())).toList();
        }
    }

    /** The session named {@code name} (a path, or a file name with or without .bin/.log), or the last one when null. */
    public static Path find(Path logs, String name) throws IOException {
        List<Path> all = sessions(logs);
        if (name == null) {
            if (all.isEmpty()) {
                throw new IOException(Texts.t("proc.transcript.noRecordedSessionIn", logs));
            }
            return all.get(all.size() - 1);
        }
        Path given = Path.of(name.replaceAll("\\.(log|bin|steps\\.jsonl)$", "") + ".bin");
        if (Files.isRegularFile(given)) {
            return given;
        }
        Path inLogs = logs.resolve(given.getFileName());
        if (Files.isRegularFile(inLogs)) {
            return inLogs;
        }
        throw new IOException(Texts.t("proc.transcript.noSession", name, logs));
    }

    /** Writes the zip of the session whose raw log is {@code bin}; returns its README.md text. */
    public static String write(Path bin, Path zip, String programVersion) throws IOException {
        byte[] raw = SecretMask.bytes(Files.readAllBytes(bin));
        String base = bin.getFileName().toString().replaceAll("\\.bin$", "");
        Path logFile = bin.resolveSibling(base + ".log");
        String text = Files.isRegularFile(logFile) ? SecretMask.text(Files.readString(logFile, StandardCharsets.UTF_8)) : "";
        Path stepsFile = SessionSteps.beside(bin);
        List<String> steps = new ArrayList<>();
        if (Files.isRegularFile(stepsFile)) {
            for (String line : Files.readAllLines(stepsFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    steps.add(COMPACT.writeValueAsString(masked(COMPACT.readTree(line))));
                }
            }
        }
        List<Map<String, Object>> files = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        Integer exit = null;
        for (String line : steps) {
            JsonNode n = JSON.readTree(line);
            switch (n.path("type").asText()) {
                case "file" -> files.add(JSON.convertValue(n, Map.class));
                // a window session has no command line: its port instead
                case "start" -> commands.add(n.has("args") ? "r4-rescue " + String.join(" ", JSON.convertValue(n.path("args"), String[].class))
                        : "r4-rescue " + n.path("command").asText() + " " + n.path("port").asText()); // i18n-exempt: a command line
                case "end" -> exit = n.path("exit").asInt();
                default -> { }
            }
        }
        BootDiagnosis d = SavedLog.diagnose(raw);
        Map<String, Object> diagnosis = diagnosis(d);
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("program", "r4-rescue " + programVersion);
        system.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        system.put("java", System.getProperty("java.version"));
        system.put("session", base);
        String readme = readme(base, commands, exit, d, files, system, raw.length, text);
        Files.createDirectories(zip.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            put(z, "README.md", readme.getBytes(StandardCharsets.UTF_8));
            put(z, "console.bin", raw);
            put(z, "console.log", text.getBytes(StandardCharsets.UTF_8));
            put(z, "steps.jsonl", String.join("\n", steps).getBytes(StandardCharsets.UTF_8));
            put(z, "diagnosis.json", JSON.writeValueAsBytes(diagnosis));
            put(z, "files.json", JSON.writeValueAsBytes(files));
            put(z, "system.json", JSON.writeValueAsBytes(system));
        }
        return readme;
    }

    /** Every string in a step with secret values masked (the JSON stays well-formed). */
    private static JsonNode masked(JsonNode n) {
        if (n.isTextual()) {
            return TextNode.valueOf(SecretMask.text(n.asText()));
        }
        if (n instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> e.setValue(masked(e.getValue())));
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, masked(a.get(i)));
            }
        }
        return n;
    }

    private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
        z.closeEntry();
    }

    private static Map<String, Object> diagnosis(BootDiagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", d.outcome().name());
        m.put("lastStage", d.lastStage().name());
        m.put("bootDevice", d.bootDevice());
        m.put("versions", d.versions());
        m.put("rootDevice", d.rootDevice());
        m.put("rootMounted", d.rootMounted());
        if (d.failure() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", d.failure().id());
            f.put("summary", d.failure().summary());
            f.put("cause", d.failure().cause());
            f.put("fix", d.failure().fix());
            f.put("line", d.failure().line());
            f.put("text", d.failure().text());
            m.put("failure", f);
        }
        return m;
    }

    private static String readme(String base, List<String> commands, Integer exit, BootDiagnosis d,
                                 List<Map<String, Object>> files, Map<String, Object> system, int rawBytes, String text) {
        StringBuilder b = new StringBuilder();
        b.append("# R4 Rescue transcript: ").append(base).append("\n\n");
        b.append("- Program: ").append(system.get("program")).append(" on ").append(system.get("os"))
                .append(", Java ").append(system.get("java")).append('\n');
        for (String c : commands) {
            b.append("- Command: `").append(c).append("`").append(exit == null ? "" : ", exit code " + exit).append('\n');
        }
        b.append("- Console: ").append(String.format("%,d", rawBytes)).append(" bytes received\n");
        b.append("- Boot: ").append(d.outcome()).append(", last stage ").append(d.lastStage())
                .append(d.bootDevice() == null ? "" : ", boot device " + d.bootDevice()).append('\n');
        if (d.failure() != null) {
            b.append("- Diagnosis: ").append(d.failure().summary()).append(" Cause: ").append(d.failure().cause())
                    .append(" Fix: ").append(d.failure().fix()).append('\n');
        }
        if (!files.isEmpty()) {
            b.append("\n| file | bytes | SHA-256 |\n|---|---|---|\n");
            for (Map<String, Object> f : files) {
                b.append("| ").append(f.get("name")).append(" | ").append(f.get("size")).append(" | ")
                        .append(f.get("sha256")).append(" |\n");
            }
        }
        String[] lines = text.split("\n");
        b.append(Texts.t("proc.transcript.lastLinesOfThe"));
        for (int i = Math.max(0, lines.length - 30); i < lines.length; i++) {
            b.append(lines[i]).append('\n');
        }
        b.append("```\n\nThe zip also holds console.bin (raw bytes), console.log (with times), steps.jsonl (every command"
                + " sent), diagnosis.json, files.json and system.json. Passwords and values of *pass*/*key* variables are masked.\n");
        return b.toString();
    }
}
