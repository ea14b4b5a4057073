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

@Command(name = "checklist", mixinStandardHelpOptions = true,
        description = {"The boot guide's eight checks before production; the board answers what it can, "
                + "you attest the rest with --attest fallback-sd=\"note\" / --attest data-backup=\"note\".",
                "Without fw_printenv on the board, bootargs are read at the U-Boot prompt (the board reboots into U-Boot and back).",
                "fallback-sd passes without --attest when this program's session logs show an SD boot (BL2 named the card, its U-Boot started).",
                "Exit codes: 0 all checks pass or are attested, 1 a check failed or is unattested, 2 bad input, 3 no link."})
final class ChecklistCommand extends ShellCommand {

    @Option(names = "--report", description = "Write the report to FILE (HTML if it ends in .html or .htm, else Markdown) and as JSON to FILE.json")
    Path report;

    @Option(names = "--attest", description = "ID=NOTE: you confirm a check the board cannot answer (fallback-sd, data-backup)")
    List<String> attest;

    @Option(names = "--by", defaultValue = "${sys:user.name}", description = "Who attests (default: your user name)")
    String by;

    @Option(names = "--boot-medium", description = "What the boot log showed about where BL2 came from (e.g. \"SPI-NAND\")")
    String bootMedium;

    private final Map<String, ProductionChecklist.Attestation> attestations = new LinkedHashMap<>();

    @Override
    String validate() {
        List<String> ids = ProductionChecklist.items().stream().filter(i -> i.mode().equals("attest")).map(ProductionChecklist.Item::id).toList();
        for (String a : attest == null ? List.<String>of() : attest) {
            String id = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!ids.contains(id)) {
                return "--attest " + id + ": only " + String.join(", ", ids) + " can be attested";
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
