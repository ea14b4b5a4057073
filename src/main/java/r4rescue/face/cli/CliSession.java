package r4rescue.face.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import r4rescue.AppDirs;
import r4rescue.Version;
import r4rescue.console.Console;
import r4rescue.console.RecordingLink;
import r4rescue.console.SessionLog;
import r4rescue.console.SessionSteps;
import r4rescue.console.Subscription;
import r4rescue.link.Link;

/**
 * Records a command's session as the window does: the console in the session logs folder
 * ({@link SessionLog}) and its steps beside it ({@link SessionSteps}): the command line (values of
 * options named like a password or key hidden), the files given with their SHA-256, every line sent,
 * the exit code. {@code r4-rescue transcript --last} packs it. A folder that cannot be written costs
 * the record, never the command.
 */
final class CliSession implements AutoCloseable {

    private final SessionLog log;
    private final SessionSteps steps;
    private Subscription sub;

    private CliSession(SessionLog log, SessionSteps steps) {
        this.log = log;
        this.steps = steps;
    }

    /** Starts the record of {@code command} on {@code port}; null when the logs folder cannot be written. */
    static CliSession start(CommandSpec command, String port) {
        try {
            SessionLog log = SessionLog.start(AppDirs.forThisUser().logs(), port);
            SessionSteps steps = SessionSteps.start(log);
            CliSession s = new CliSession(log, steps);
            s.begin(command, port);
            return s;
        } catch (IOException e) {
            return null;
        }
    }

    private void begin(CommandSpec command, String port) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("command", name(command.commandLine().getParseResult()));
        f.put("args", args(command.commandLine().getParseResult()));
        f.put("port", port);
        f.put("version", Version.get());
        steps.record("start", f);
        for (Path p : files(command.commandLine().getParseResult())) {
            steps.file(p);
        }
    }

    /** The link, with what is sent recorded. */
    Link wrap(Link link) {
        return new RecordingLink(link, steps);
    }

    /** Logs what the console receives. */
    void attach(Console console) {
        sub = console.subscribe("session-log", log);
    }

    void end(int exitCode) {
        steps.record("end", Map.of("exit", exitCode));
    }

    @Override
    public void close() {
        if (sub != null) {
            sub.close();
        }
        log.close();
        steps.close();
    }

    /** {@code r4-rescue SUB [SUB]}: the commands the arguments chose. */
    private static String name(ParseResult pr) {
        ParseResult r = pr;
        while (r != null && r.subcommand() != null) {
            r = r.subcommand();
        }
        return r == null ? "r4-rescue" : r.commandSpec().qualifiedName();
    }

    /**
     * The arguments as given; the value after an argument named like a password or key
     * ({@code --password X}, {@code setenv wifi_key X}) is starred.
     */
    static List<String> args(ParseResult pr) {
        List<String> out = new ArrayList<>();
        if (pr == null) {
            return out;
        }
        boolean hide = false;
        for (String a : pr.originalArgs()) {
            out.add(hide ? "***" : a.matches("(?i)--?[^=]*(pass|key)[^=]*=.*") ? a.substring(0, a.indexOf('=') + 1) + "***" : a);
            hide = a.matches("(?i)-*[A-Za-z0-9_.\\-]*(pass|key)[A-Za-z0-9_.\\-]*");
        }
        return out;
    }

    private static List<Path> files(ParseResult pr) {
        List<Path> out = new ArrayList<>();
        for (ParseResult r = pr; r != null; r = r.subcommand()) {
            List<ArgSpec> args = new ArrayList<>(r.matchedOptions());
            args.addAll(r.matchedPositionals());
            for (ArgSpec a : args) {
                if (a instanceof OptionSpec o && o.longestName().matches("(?i).*(pass|key|log).*")) {
                    continue; // a password file's content is not for a transcript; the log is the record itself
                }
                Object v = a.getValue();
                for (Object x : v instanceof List<?> l ? l : List.of(v == null ? "" : v)) {
                    Path p = x instanceof Path q ? q : x instanceof File fl ? fl.toPath() : null;
                    if (p != null && Files.isRegularFile(p)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }
}
