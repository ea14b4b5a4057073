package r4rescue.face.fx.wizard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.Button;

import atlantafx.base.theme.Styles;

import r4rescue.link.Links;
import r4rescue.link.PortInfo;
import r4rescue.procedure.preflight.AdapterFinding;
import r4rescue.procedure.preflight.HostChecks;
import r4rescue.procedure.preflight.Preflight;
import r4rescue.util.Texts;

/**
 * "Check the adapter": is it the cable, the adapter or the board? The same checks as
 * {@code r4-rescue preflight}: chip, FTDI latency, ModemManager, then a loopback test or a listen
 * to the board's first seconds. Each result is one line of meaning and what to do.
 */
final class PreflightPages {

    private static final long LISTEN_FOR_FIRST_BYTE_MS = 30_000;
    private static final long LISTEN_WINDOW_MS = 3_000;

    private final WizardViewModel vm;

    PreflightPages(WizardViewModel vm) {
        this.vm = vm;
    }

    List<StepPane> pages() {
        return List.of(check());
    }

    private StepPane check() {
        StepPane p = new StepPane("step-preflight", Texts.t("fx.flow.check-wiring"), Texts.t("fx.preflight.hands"),
                Texts.t("fx.preflight.checks"));
        Button loop = new Button(Texts.t("fx.preflight.loopback"));
        loop.setId("preflightLoopback");
        Button listen = new Button(Texts.t("fx.preflight.listen"));
        listen.setId("preflightListen");
        listen.getStyleClass().add(Styles.ACCENT);
        loop.setOnAction(e -> start(p, true));
        listen.setOnAction(e -> start(p, false));
        p.action(loop, listen);
        p.completeProperty().bind(p.run().stateProperty().isEqualTo(StepRun.State.DONE));
        return p;
    }

    private void start(StepPane p, boolean loopback) {
        vm.run(p.run(), ctx -> {
            List<String> lines = new ArrayList<>();
            String port = ctx.console().link().describe();
            PortInfo info = Links.list().stream().filter(i -> port.equals(i.spec()) || port.equals(i.byIdPath())).findFirst().orElse(null);
            HostChecks.Report host = new HostChecks(Path.of("/")).check(port, info == null ? -1 : info.vid(), info == null ? -1 : info.pid());
            if (host.chip() != null) {
                lines.add(Texts.t("fx.preflight.adapter", host.chip()));
            }
            host.findings().forEach(f -> lines.add("! " + f.line()));
            Preflight pre = new Preflight(ctx.console());
            AdapterFinding f;
            if (loopback) {
                f = pre.loopback(2000);
            } else {
                f = pre.listen(() -> ctx.console().link().bench().ifPresentOrElse(b -> b.powerCycle(),
                        () -> ctx.say(Texts.t("fx.preflight.powerCycle"))),
                        LISTEN_FOR_FIRST_BYTE_MS, LISTEN_WINDOW_MS);
            }
            lines.add((f.verdict().good() ? "" : "! ") + f.line());
            return new Object[] {f.verdict().good(), String.join("\n", lines)};
        }, r -> p.say((Boolean) r[0] ? StepRun.State.DONE : StepRun.State.FAILED, (String) r[1]));
    }
}
