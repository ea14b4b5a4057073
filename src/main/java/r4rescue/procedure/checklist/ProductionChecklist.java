package r4rescue.procedure.checklist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import r4rescue.procedure.backup.SysupgradeSafety;
import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.DeviceProof;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * The boot guide's eight checks before production (checklist.json). The board answers where it can;
 * the rest are attested by the user (or by an SD boot the program saw), with a record of who and when.
 */
public final class ProductionChecklist {

    public enum Status { PASS, FAIL, NOT_APPLICABLE, ATTESTED, NOT_ATTESTED }

    /** A check from checklist.json; its words are in the proc bundle under {@code proc.checklist.<id>}. */
    public record Item(String id, String mode) {

        /** In the user's language. */
        public String text() {
            return words().text();
        }

        /** In English, for JSON. */
        public String english() {
            return words().english();
        }

        private Message words() {
            return new Message("proc.checklist." + id, List.of());
        }
    }

    public record Attestation(String by, String when, String note) {
    }

    /** One check's answer; {@link #proof()} is what the board showed, or who attested it. */
    public record Result(Item item, Status status, Message proof) {

        public String id() {
            return item.id();
        }

        /** What is checked, in the user's language. */
        public String text() {
            return item.text();
        }

        /** The evidence in the user's language. */
        public String evidence() {
            return proof.text();
        }
    }

    public record Identity(String hostname, String serial, List<String> macs, String release, String kernel, String console) {
    }

    public record Report(String date, Identity board, List<Result> items) {

        /** Every item passed, is not applicable, or was attested. */
        public boolean passed() {
            return items.stream().noneMatch(r -> r.status() == Status.FAIL || r.status() == Status.NOT_ATTESTED);
        }

        /** Language-neutral: each check's id, mode, status, and its words and evidence in English. */
        public String json() {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode o = m.createObjectNode().put("date", date);
            o.set("board", m.valueToTree(board));
            ArrayNode list = o.putArray("items");
            for (Result r : items) {
                list.addObject().put("id", r.id()).put("text", r.item().english()).put("mode", r.item().mode())
                        .put("status", r.status().name()).put("evidence", r.proof().english())
                        .put("evidenceId", r.proof().key());
            }
            try {
                return m.writeValueAsString(o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String markdown() {
            StringBuilder sb = new StringBuilder("# ").append(Texts.t("proc.checklist.title")).append("\n\n");
            String[][] facts = facts();
            for (int i = 0; i < facts.length; i++) {
                String value = i == facts.length - 1 ? "**" + facts[i][1] + "**" : facts[i][1];
                sb.append("- ").append(facts[i][0]).append(": ").append(value).append('\n');
            }
            sb.append('\n');
            sb.append(Texts.t("proc.checklist.tableMarkdown")).append("\n|---|---|---|---|\n");
            int i = 1;
            for (Result r : items) {
                sb.append("| ").append(i++).append(" | ").append(cell(r.text())).append(" | ").append(r.status())
                        .append(" | ").append(cell(r.evidence())).append(" |\n");
            }
            return sb.toString();
        }

        /** The same report as one self-contained HTML page (no scripts, no external files). */
        public String html() {
            String title = esc(Texts.t("proc.checklist.title"));
            StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"" + Texts.locale().getLanguage()
                    + "\"><head><meta charset=\"utf-8\">"
                    + "<title>" + title + "</title><style>body{font-family:sans-serif;margin:2em}"
                    + "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}"
                    + ".PASS,.ATTESTED{color:#060}.FAIL,.NOT_ATTESTED{color:#a00;font-weight:bold}.NOT_APPLICABLE{color:#666}"
                    + "</style></head><body>\n<h1>" + title + "</h1>\n<ul>\n");
            for (String[] f : facts()) {
                sb.append("<li>").append(esc(f[0])).append(": ").append(esc(f[1])).append("</li>\n");
            }
            sb.append("</ul>\n<table>\n<tr><th>#</th><th>").append(esc(Texts.t("proc.checklist.check"))).append("</th><th>")
                    .append(esc(Texts.t("proc.checklist.status"))).append("</th><th>").append(esc(Texts.t("proc.checklist.evidence")))
                    .append("</th></tr>\n");
            int i = 1;
            for (Result r : items) {
                sb.append("<tr><td>").append(i++).append("</td><td>").append(esc(r.text())).append("</td><td class=\"")
                        .append(r.status()).append("\">").append(r.status()).append("</td><td><pre>").append(esc(r.evidence()))
                        .append("</pre></td></tr>\n");
            }
            return sb.append("</table>\n</body></html>\n").toString();
        }

        /** The report's head lines, name and value, in the user's language. */
        private String[][] facts() {
            return new String[][] {{Texts.t("proc.checklist.date"), date}, {Texts.t("proc.checklist.hostName"), board.hostname()},
                {Texts.t("proc.checklist.serial"), board.serial()}, {Texts.t("proc.checklist.macs"), String.join(", ", board.macs())},
                {Texts.t("proc.checklist.release"), Texts.t("proc.checklist.releaseKernel", board.release(), board.kernel())},
                {Texts.t("proc.checklist.console"), board.console()},
                {Texts.t("proc.checklist.result"), Texts.t(passed() ? "proc.checklist.ready" : "proc.checklist.notReady")}};
        }

        private static String esc(String s) {
            return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        private static String cell(String s) {
            return s.replace("|", "\\|").replace("\n", "<br>");
        }
    }

    private final ShellProcedure steps;
    private final ShellDriver shell;
    private final MigrateConfig cfg;
    private final String device;
    private BootloaderEnv promptEnv;
    private java.nio.file.Path sessionLogs;
    private String sdDevice;

    public ProductionChecklist(ShellProcedure steps, MigrateConfig cfg, String device) {
        this.steps = steps;
        this.shell = steps.shell();
        this.cfg = cfg;
        this.device = device;
    }

    /**
     * Where this program's session logs are: an SD boot it saw there (BL2 named the card, the card's U-Boot
     * started) proves the fallback card; {@code sdDevice}: BL2's words for the card (the board profile's).
     */
    public ProductionChecklist sdBootsIn(java.nio.file.Path logs, String sdDevice) {
        this.sessionLogs = logs;
        this.sdDevice = sdDevice;
        return this;
    }

    private SdBootSeen.SdBoot sdBoot() throws IOException {
        return sessionLogs == null ? null : SdBootSeen.newest(sessionLogs, sdDevice).orElse(null);
    }

    public static List<Item> items() {
        try (InputStream in = ProductionChecklist.class.getResourceAsStream("/r4rescue/procedure/checklist.json")) {
            ObjectMapper m = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            JsonNode items = m.readTree(in).get("items");
            List<Item> out = new ArrayList<>();
            for (JsonNode n : items) {
                out.add(m.treeToValue(n, Item.class));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the checks. {@code bootObservation}: what a boot log showed about the boot medium (or null);
     * {@code consoleName}: the port this runs over; {@code attestations} by item id.
     */
    public Report run(String bootObservation, String consoleName, Map<String, Attestation> attestations) throws Stopped {
        return run(bootObservation, consoleName, attestations, null);
    }

    /**
     * As {@link #run(String, String, Map)}; {@code env} is where bootargs are read (the U-Boot prompt when the
     * board has no fw_printenv: the board then reboots into U-Boot and back to Linux), or null for fw_printenv only.
     */
    public Report run(String bootObservation, String consoleName, Map<String, Attestation> attestations,
                      BootloaderEnv env) throws Stopped {
        this.promptEnv = env;
        Identity id = identity(consoleName);
        List<Result> results = new ArrayList<>();
        for (Item item : items()) {
            Outcome o;
            try {
                o = steps.step(Message.of("proc.checklist.step", item.text()), () -> {
                    Attestation a = attestations.get(item.id());
                    SdBootSeen.SdBoot sd = item.id().equals("fallback-sd") ? sdBoot() : null;
                    Outcome out = !item.mode().equals("attest") ? evaluate(item.id(), bootObservation, consoleName)
                            : sd != null ? new Outcome(Status.PASS, a == null ? seen(sd)
                                    : Message.of("proc.checklist.seenAndAttested", seen(sd), attested(a)))
                            : a != null ? new Outcome(Status.ATTESTED, attested(a))
                            : new Outcome(Status.NOT_ATTESTED, Message.of("proc.checklist.notAttested"));
                    steps.info(out.status() + ": " + out.evidence().text());
                    return out;
                });
            } catch (Stopped e) {
                if (e.kind() == Stopped.Kind.CANCELLED || e.noAnswer()) {
                    throw e;
                }
                o = new Outcome(Status.FAIL, e.message());
            }
            results.add(new Result(item, o.status(), o.evidence()));
        }
        return new Report(OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(), id, results);
    }

    private static Message seen(SdBootSeen.SdBoot sd) {
        return Message.of("upgrade.checklist.sd-seen", sd.when(), sd.bl2(), sd.uboot(), sd.log().getFileName());
    }

    private static Message attested(Attestation a) {
        return a.note() == null ? Message.of("proc.checklist.attested", a.by(), a.when())
                : Message.of("proc.checklist.attestedNote", a.by(), a.when(), a.note());
    }

    /** One automatic check's answer. */
    private record Outcome(Status status, Message evidence) {
    }

    private Outcome evaluate(String id, String observation, String consoleName) throws IOException, Stopped {
        return switch (id) {
            case "bootloader-on-flash" -> {
                ShellResult mtd = shell.run("cat /proc/mtd");
                boolean nand = mtd.ok() && mtd.output().contains("\"bl2\"");
                boolean emmc = shell.run("grep -q mmcblk0boot0 /proc/partitions").ok();
                boolean obsFlash = observation != null && observation.matches("(?i).*(nand|emmc).*");
                boolean obsSd = observation != null && observation.matches("(?i).*\\bsd\\b.*");
                // Linux sees the SD card as mmcblk0 only when U-Boot came from it (facts §2: SD and eMMC share
                // one controller, NAND's U-Boot picks the eMMC overlay): a bl2 in /proc/mtd is then not what booted.
                boolean sdBooted = shell.run("cat /sys/block/mmcblk0/device/type").text().strip().equals("SD");
                Message found = Message.of(nand ? "proc.checklist.mtdBl2" : emmc ? "proc.checklist.emmcBoot" : "proc.checklist.noBl2");
                if (sdBooted) {
                    found = Message.of("proc.checklist.sdBootedAnd", Message.of("upgrade.checklist.sd-booted"), found);
                }
                yield new Outcome(obsSd || sdBooted ? Status.FAIL : (nand || emmc || obsFlash) ? Status.PASS : Status.FAIL,
                        observation == null ? found : Message.of("proc.checklist.bootLog", observation, found));
            }
            case "root-on-nvme" -> {
                DeviceProof.Proof a = DeviceProof.proveRoot(shell, MigrateConfig.partition(device, 1));
                DeviceProof.Proof b = a.proven() ? a : DeviceProof.proveRoot(shell, MigrateConfig.partition(device, 2));
                yield new Outcome(b.proven() ? Status.PASS : Status.FAIL, b.message());
            }
            case "bootargs-root" -> {
                BootloaderEnv source = FwEnv.available(shell) ? new FwEnv(shell) : promptEnv;
                if (source == null) {
                    yield new Outcome(Status.FAIL, Message.of("proc.checklist.noFwPrintenv"));
                }
                Map<String, String> env = source.read();
                // the checks after this one run in Linux: back from U-Boot's prompt if that is where it was read
                source.resume(shell, 10 * 60_000L);
                String var = KernelCmdline.carrier(env, cfg.bootargsVariable());
                String root = KernelCmdline.root(env.getOrDefault(var, "")).orElse("");
                boolean ok = root.equals(MigrateConfig.partition(device, 1)) || root.equals(MigrateConfig.partition(device, 2));
                yield new Outcome(ok ? Status.PASS : Status.FAIL, source instanceof FwEnv ? Stopped.said(var + "=" + env.get(var))
                        : Message.of("proc.checklist.readAt", var + "=" + env.get(var), Message.of("upgrade.checklist.read-at", source.describe())));
            }
            case "serial-adapter" -> new Outcome(Status.PASS, Message.of("proc.checklist.serialConsole", consoleName));
            case "ab-partitions" -> {
                String ids = shell.run("blkid " + device + "*").output();
                boolean a = ids.contains("LABEL=\"" + cfg.abLabels().get(0) + "\"");
                boolean b = ids.contains("LABEL=\"" + cfg.abLabels().get(1) + "\"");
                yield new Outcome(a && b ? Status.PASS : !a && !b ? Status.NOT_APPLICABLE : Status.FAIL,
                        Message.of(a && b ? "proc.checklist.abBoth" : !a && !b ? "proc.checklist.abNone" : "proc.checklist.abOne"));
            }
            case "sysupgrade-conf" -> {
                List<String> missing = new SysupgradeSafety(steps).uncovered();
                yield new Outcome(missing.isEmpty() ? Status.PASS : Status.FAIL,
                        missing.isEmpty() ? Message.of("proc.checklist.allKept") : Message.of("proc.checklist.notKept", String.join(", ", missing)));
            }
            default -> throw new IllegalStateException("no automatic check for " + id);
        };
    }

    private Identity identity(String consoleName) throws Stopped {
        return steps.step(Message.of("proc.checklist.identity"), () -> {
            String host = shell.run("cat /proc/sys/kernel/hostname").text().strip();
            ShellResult sn = shell.run("tr -d '\\000' < /proc/device-tree/serial-number");
            List<String> macs = new ArrayList<>();
            for (String l : shell.run("for i in /sys/class/net/*; do echo \"${i##*/} $(cat $i/address)\"; done").output().split("\n")) {
                if (!l.isBlank() && !l.startsWith("lo ")) {
                    macs.add(l.strip());
                }
            }
            String release = shell.run("cat /etc/openwrt_release").text().replaceAll("(?s).*DISTRIB_RELEASE='([^']*)'.*", "$1");
            String kernel = shell.run("uname -r").text().strip();
            Identity id = new Identity(host, sn.ok() && !sn.text().isBlank() ? sn.text().strip() : "unknown (no /proc/device-tree/serial-number)",
                    macs, release, kernel, consoleName);
            steps.info(id.toString());
            return id;
        });
    }
}
