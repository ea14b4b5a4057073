package r4rescue.face.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import r4rescue.AppDirs;
import r4rescue.board.Medium;
import r4rescue.procedure.checklist.ProductionChecklist;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.util.Texts;

@Command(name = "checklist", mixinStandardHelpOptions = true)
final class ChecklistCommand extends ShellCommand {

    @Option(names = "--report")
    Path report;

    @Option(names = "--attest")
    List<String> attest;

    @Option(names = "--by", defaultValue = "${sys:user.name}")
    String by;

    @Option(names = "--boot-medium")
    String bootMedium;

    private final Map<String, ProductionChecklist.Attestation> attestations = new LinkedHashMap<>();

    @Override
    String validate() {
        List<String> ids = ProductionChecklist.items().stream().filter(i -> i.mode().equals("attest")).map(ProductionChecklist.Item::id).toList();
        for (String a : attest == null ? List.<String>of() : attest) {
            String id = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!ids.contains(id)) {
                return Texts.t("cli.checklist.attest-only", id, String.join(", ", ids));
            }
            attestations.put(id, new ProductionChecklist.Attestation(by, LocalDate.now().toString(),
                    a.contains("=") ? a.substring(a.indexOf('=') + 1) : null));
        }
        return null;
    }

    @Override
    int body(ShellSession s) throws IOException, Stopped {
        ProductionChecklist.Report r = new ProductionChecklist(s.steps, MigrateConfig.load(), opts.device)
                .sdBootsIn(AppDirs.forThisUser().logs(), s.board.bootDevice(Medium.SD))
                .run(bootMedium, opts.port(), attestations, s.bootloaderEnv());
        out().println(opts.json ? r.json() : r.markdown());
        if (report != null) {
            boolean html = report.getFileName().toString().toLowerCase().matches(".*\\.html?");
            Files.writeString(report, html ? r.html() : r.markdown(), StandardCharsets.UTF_8);
            Files.writeString(report.resolveSibling(report.getFileName() + ".json"), r.json(), StandardCharsets.UTF_8);
        }
        return r.passed() ? MainCommand.OK : MainCommand.BOARD_SAID_NO;
    }
}
