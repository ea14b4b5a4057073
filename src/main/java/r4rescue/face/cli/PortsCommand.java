package r4rescue.face.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import r4rescue.link.LatencyTimer;
import r4rescue.link.Links;
import r4rescue.link.PortInfo;
import r4rescue.link.UsbUartAdapters;
import r4rescue.util.Texts;

/** {@code ports [--json]}: the ports a user can pick, likely USB-UART adapters first. */
@Command(name = "ports", mixinStandardHelpOptions = true)
public final class PortsCommand implements Callable<Integer> {

    @Option(names = "--json")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One port as {@code --json} prints it; USB ids as lower-case hex like lsusb, null when not USB. */
    record PortJson(String spec, String systemName, String description, String vid, String pid,
                    String serialNumber, String byIdPath, boolean likelyAdapter, String chip) {
        static PortJson of(PortInfo p) {
            String chip = UsbUartAdapters.find(p.vid(), p.pid()).map(UsbUartAdapters.Adapter::chip).orElse(null);
            return new PortJson(p.spec(), p.systemName(), p.description(), UsbUartAdapters.hex(p.vid()),
                    UsbUartAdapters.hex(p.pid()), p.serialNumber(), p.byIdPath(), p.likelyAdapter(), chip);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<PortJson> ports = new ArrayList<>();
        Links.list().forEach(p -> ports.add(PortJson.of(p)));
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(ports));
        } else if (ports.isEmpty()) {
            out.println(Texts.t("cli.ports.none"));
        } else {
            for (PortJson p : ports) {
                out.println((p.likelyAdapter() ? "* " : "  ") + p.spec() + "  " + p.description()
                        + (p.vid() == null ? "" : "  [" + p.vid() + ":" + p.pid() + (p.chip() == null ? "" : " " + p.chip()) + "]")
                        + (p.serialNumber() == null ? "" : "  " + Texts.t("cli.ports.serial", p.serialNumber()))
                        + (p.byIdPath() == null ? "" : "  " + p.byIdPath()));
            }
            ports.forEach(p -> LatencyTimer.warning(p.spec()).ifPresent(w -> out.println("! " + w)));
        }
        out.flush();
        return MainCommand.OK;
    }
}
