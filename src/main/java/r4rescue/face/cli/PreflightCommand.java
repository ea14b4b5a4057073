package r4rescue.face.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import r4rescue.link.Links;
import r4rescue.link.PortInfo;
import r4rescue.procedure.preflight.AdapterFinding;
import r4rescue.procedure.preflight.HostChecks;
import r4rescue.procedure.preflight.Preflight;
import r4rescue.util.Texts;

/** {@code preflight -p PORT [--loopback] [--json]}: is it the adapter, the wiring or the board? */
@Command(name = "preflight", mixinStandardHelpOptions = true)
public final class PreflightCommand implements Callable<Integer> {

    @Mixin
    PortOptions link;

    @Option(names = "--loopback")
    boolean loopback;

    @Option(names = "--listen", paramLabel = "SECONDS", defaultValue = "3")
    double listen;

    @Option(names = "--json")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PortInfo info = Links.list().stream()
                .filter(p -> link.port.equals(p.spec()) || link.port.equals(p.byIdPath()) || link.port.equals(p.systemName()))
                .findFirst().orElse(null);
        HostChecks.Report host = new HostChecks(Path.of("/"))
                .check(link.port, info == null ? -1 : info.vid(), info == null ? -1 : info.pid());
        List<AdapterFinding> findings = new ArrayList<>(host.findings());
        if (!json) {
            out.println(Texts.t("cli.preflight.adapter", host.chip() != null ? host.chip()
                            : Texts.t(info != null && info.vid() >= 0 ? "cli.preflight.unknown-chip" : "cli.preflight.not-usb"))
                    + (host.latencyMillis() == null ? "" : ", latency_timer " + host.latencyMillis() + " ms")
                    + (host.modemManager() ? Texts.t(host.mmIgnored() ? "cli.preflight.mm-ignored" : "cli.preflight.mm") : ""));
            host.findings().forEach(f -> out.println("! " + f.line()));
            out.flush();
        }
        int code = link.withConsole(console -> {
            Preflight p = new Preflight(console);
            AdapterFinding main;
            if (loopback) {
                main = p.loopback(link.timeoutMillis(2000));
            } else {
                main = p.listen(() -> console.link().bench().ifPresentOrElse(b -> b.powerCycle(), () -> {
                    err.println(Texts.t("cli.preflight.power-cycle", Math.round(link.timeoutMillis(30_000) / 1000.0)));
                    err.flush();
                }), link.timeoutMillis(30_000), Math.round(listen * 1000));
            }
            findings.add(main);
            if (!json) {
                out.println((main.verdict().good() ? "OK " : "! ") + main.line());
            }
            return main.verdict().good() ? MainCommand.OK : MainCommand.BOARD_SAID_NO;
        });
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("port", link.port);
            o.put("chip", host.chip());
            o.put("latencyMillis", host.latencyMillis());
            o.put("modemManager", host.modemManager());
            o.put("modemManagerIgnoresPort", host.mmIgnored());
            List<Map<String, Object>> list = new ArrayList<>();
            for (AdapterFinding f : findings) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("verdict", f.verdict().name());
                m.put("good", f.verdict().good());
                m.put("meaning", f.verdict().meaning().english());
                m.put("detail", f.detail() == null ? "" : f.detail().english());
                m.put("action", f.verdict().action().english());
                list.add(m);
            }
            o.put("findings", list);
            o.put("exit", code);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
        }
        out.flush();
        return code;
    }
}
