package r4rescue.face.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import r4rescue.procedure.core.ExitCodes;
import r4rescue.util.Texts;

/**
 * One subcommand on many boards at once: each port gets its own run of the subcommand (own link,
 * own console, own thread), its lines prefixed with the port, and a table at the end.
 */
@Command(name = "each", mixinStandardHelpOptions = true)
final class EachCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT")
    List<String> portArgs;

    @Option(names = "--parallel", paramLabel = "N")
    Integer parallel;

    @Option(names = "--json")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "SUBCOMMAND")
    List<String> command;

    @Spec
    CommandSpec spec;

    /** How one port's run ended. {@code result} is what it printed on stdout as JSON, or null. */
    record Outcome(String port, int exitCode, JsonNode result, String message, double seconds) {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        // with --json, stdout carries only the JSON objects; the runs' lines and the table go to stderr
        PrintWriter out = json ? err : spec.commandLine().getOut();
        List<String> ports;
        try {
            ports = ports(portArgs);
        } catch (IOException e) {
            err.println("r4-rescue each: " + Texts.t("cli.each.unreadable-list", e.getMessage()));
            return MainCommand.BAD_INPUT;
        }
        String bad = refusal(ports);
        if (bad != null) {
            err.println("r4-rescue each: " + bad);
            err.flush();
            return MainCommand.BAD_INPUT;
        }
        int width = ports.stream().mapToInt(String::length).max().orElse(0);
        AtomicBoolean stopping = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(parallel == null ? ports.size() : parallel, r -> {
            Thread t = new Thread(r, "each");
            t.setDaemon(true);
            return t;
        });
        List<Future<Outcome>> runs = new ArrayList<>();
        try (CtrlC ctrlC = new CtrlC(() -> {
            if (!stopping.getAndSet(true)) {
                synchronized (err) {
                    err.println(Texts.t("cli.each.ctrlc"));
                    err.flush();
                }
            }
        })) {
            for (String port : ports) {
                String prefix = String.format("%-" + width + "s | ", port);
                runs.add(pool.submit(() -> stopping.get()
                        ? new Outcome(port, ExitCodes.CANCELLED, null, Texts.t("cli.each.not-started"), 0)
                        : runOne(port, prefix, out, err)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : runs) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a run failed unexpectedly", e.getCause());
                }
            }
            report(outcomes, width, out);
            if (json) {
                printJson(outcomes, spec.commandLine().getOut());
            }
            return outcomes.stream().mapToInt(Outcome::exitCode).max().orElse(MainCommand.OK);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the subcommand on {@code port} as its own command line, its output prefixed. */
    private Outcome runOne(String port, String prefix, PrintWriter out, PrintWriter err) {
        PrefixWriter o = new PrefixWriter(prefix, out);
        PrefixWriter e = new PrefixWriter(prefix, err);
        CommandLine cl = MainCommand.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        long t0 = System.nanoTime();
        int code = cl.execute(withPort(port));
        double seconds = (System.nanoTime() - t0) / 1e9;
        cl.getOut().flush();
        cl.getErr().flush();
        o.close();
        e.close();
        String said = o.text().strip();
        JsonNode result = null;
        if (said.startsWith("{") || said.startsWith("[")) {
            try {
                result = JSON.readTree(said);
            } catch (JsonProcessingException notJson) {
                result = null; // plain text: the message below carries it
            }
        }
        String message = lastLine(code == MainCommand.OK ? said : e.text().strip() + "\n" + said);
        return new Outcome(port, code, result, message, seconds);
    }

    private String[] withPort(String port) {
        List<String> args = new ArrayList<>(command);
        args.add("-p");
        args.add(port);
        return args.toArray(String[]::new);
    }

    /** Why the runs cannot start (checked before any port is opened), or null. */
    private String refusal(List<String> ports) {
        if (ports.isEmpty()) {
            return Texts.t("cli.each.no-ports");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String p : ports) {
            if (!seen.add(p)) {
                return Texts.t("cli.each.twice", p);
            }
        }
        if (parallel != null && parallel < 1) {
            return Texts.t("cli.each.parallel");
        }
        CommandLine root = MainCommand.commandLine();
        CommandLine sub = root.getSubcommands().get(command.get(0));
        if (sub == null || command.get(0).equals("each")) {
            return Texts.t("cli.each.no-subcommand", command.get(0));
        }
        CommandLine target = sub;
        for (String a : command.subList(1, command.size())) {
            CommandLine nested = target.getSubcommands().get(a);
            if (nested == null) {
                break;
            }
            target = nested; // slot status, bench console, …: the port option is the nested command's
        }
        if (target.getCommandSpec().findOption("-p") == null) {
            return Texts.t("cli.each.no-board", String.join(" ", command));
        }
        if (command.stream().anyMatch(a -> a.equals("-p") || a.equals("--port") || a.startsWith("--port="))) {
            return Texts.t("cli.each.ports-to-each");
        }
        try {
            root.parseArgs(withPort(ports.get(0)));
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
        return null;
    }

    /** The ports, with every {@code @FILE} replaced by the ports listed in it. */
    static List<String> ports(List<String> args) throws IOException {
        List<String> ports = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("@")) {
                for (String line : Files.readAllLines(Path.of(a.substring(1)))) {
                    String p = line.strip();
                    if (!p.isEmpty() && !p.startsWith("#")) {
                        ports.add(p);
                    }
                }
            } else {
                ports.add(a);
            }
        }
        return ports;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    static String word(int code) {
        return switch (code) {
            case ExitCodes.OK -> Texts.t("cli.each.ok");
            case ExitCodes.FAILED -> Texts.t("cli.each.failed");
            case ExitCodes.REFUSED -> Texts.t("cli.each.refused");
            case ExitCodes.NO_LINK -> Texts.t("cli.each.no-link");
            case ExitCodes.CANCELLED -> Texts.t("cli.each.cancelled");
            default -> Texts.t("cli.each.exit", code);
        };
    }

    private static void report(List<Outcome> outcomes, int width, PrintWriter out) {
        synchronized (out) {
            out.println();
            out.printf("%-" + width + "s  %4s  %-9s  %7s  %s%n", Texts.t("cli.each.port"), Texts.t("cli.each.exit-head"),
                    Texts.t("cli.each.result"), Texts.t("cli.each.time"), Texts.t("cli.each.last-line"));
            for (Outcome o : outcomes) {
                String last = o.message().length() > 100 ? o.message().substring(0, 99) + "…" : o.message();
                out.printf("%-" + width + "s  %4d  %-9s  %6.1fs  %s%n", o.port(), o.exitCode(), word(o.exitCode()),
                        o.seconds(), last);
            }
            long ok = outcomes.stream().filter(o -> o.exitCode() == MainCommand.OK).count();
            out.println(Texts.t("cli.each.succeeded", ok, outcomes.size()));
            out.flush();
        }
    }

    private static void printJson(List<Outcome> outcomes, PrintWriter out) {
        for (Outcome o : outcomes) {
            ObjectNode n = JSON.createObjectNode();
            n.put("port", o.port());
            n.put("exitCode", o.exitCode());
            n.set("result", o.result());
            n.put("message", o.message());
            n.put("seconds", Math.round(o.seconds() * 10) / 10.0);
            try {
                out.println(JSON.writeValueAsString(n));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        out.flush();
    }
}
