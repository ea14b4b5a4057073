package r4rescue.face.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.link.LinkException;
import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Journal;
import r4rescue.procedure.core.JournalEntry;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.ExtrootRoute;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.procedure.migrate.SsdLayout;
import r4rescue.util.Texts;

/**
 * The journal of a migration of the root (root= on the SSD; one root, or A/B slots with the copy in
 * slot A) and its resume. The resume asks the board where its root is before doing anything: running
 * from the SSD → verified; the boot loader boots the SSD but Linux still runs the old root → reboot
 * and prove (rolling back if it does not come up); the boot loader still boots the old root → the
 * SSD's contents are not trusted, and the migration runs again from the partition table, in the
 * journal's layout (the SSD is the one the user gave it; the running root is never on it, which the
 * partition step checks again).
 */
final class MigrateJournal {

    static final String PROCEDURE = "migrate";

    private MigrateJournal() {
    }

    /** Starts the journal of the session's procedure, before the SSD is touched. */
    static void start(ShellSession s, ShellOptions o, boolean extroot, SsdLayout layout, String bootMedium, boolean noReboot,
                      PrintWriter err) {
        boolean ab = layout.kind() == SsdLayout.Kind.AB;
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("title", extroot ? "extroot migration to NVMe (/overlay)" : ab ? "root migration to NVMe (A/B slots)" : "root migration to NVMe");
        h.put("route", extroot ? "extroot" : "root");
        h.put("layout", ab ? "ab" : "single");
        h.put("device", o.device);
        h.put("partition", MigrateConfig.partition(o.device, 1)); // slot A's in the A/B layout: the copy goes there
        if (ab) {
            if (!extroot) {
                h.put("slot", "A");
            }
            h.put("rootMiB", layout.rootMiB());
        }
        h.put("bootMedium", bootMedium); // null when not given: the resume passes it on as the command did
        h.put("noReboot", noReboot);
        FlashJournal.start(s.steps.procedure(), PROCEDURE, err, o.link, s.console, h);
    }

    /** The layout {@code h} was partitioning: the A/B one with the same root size, or the single one. */
    static SsdLayout layout(JsonNode h, MigrateConfig cfg) {
        return "ab".equals(h.path("layout").asText()) ? SsdLayout.ab(cfg, h.path("rootMiB").asLong(cfg.abRootMiB()))
                : SsdLayout.single(cfg);
    }

    /** Whether {@code resume} can continue {@code j}. */
    static boolean resumable(JournalEntry j) {
        return PROCEDURE.equals(j.procedure()) && List.of("root", "extroot").contains(j.header().path("route").asText());
    }

    /** Resumes {@code j} on {@code port} (the journal's own unless given); the exit code. */
    static int resume(JournalEntry j, PortOptions port, PrintWriter out, PrintWriter err) throws IOException {
        JsonNode h = j.header();
        ShellOptions o = new ShellOptions();
        o.link = port;
        o.password = new PasswordOptions();
        o.device = h.path("device").asText();
        String partition = h.path("partition").asText();
        boolean noReboot = h.path("noReboot").asBoolean();
        String slot = h.path("slot").asText("");
        String where = slot.isEmpty() ? partition : Texts.t("journal.migrate.in-slot", partition, slot);
        ShellSession opened;
        try {
            opened = new ShellSession(o, err);
        } catch (IOException | RuntimeException e) {
            err.println(Texts.t("journal.migrate.no-shell", e.getMessage()));
            return e instanceof IOException ? MainCommand.NO_LINK : MainCommand.BOARD_SAID_NO;
        }
        try (ShellSession s = opened) {
            Procedure p = s.steps.procedure();
            p.journal(Journal.reopen(j.file()));
            p.state(j.lastState());
            MigrateConfig cfg = MigrateConfig.load();
            NvmeMigration m = new NvmeMigration(s.steps, cfg, o.device);
            if ("extroot".equals(h.path("route").asText())) {
                return MigrateRun.journaled(p, () -> resumeExtroot(s, m, h, cfg, out));
            }
            return MigrateRun.journaled(p, () -> {
                BootloaderEnv env = s.bootloaderEnv();
                switch (m.whereRootIs(env, partition)) {
                    case RUNNING_FROM_IT -> {
                        p.state(BoardState.verified(Texts.t("journal.migrate.verified", where)));
                        p.done(Texts.t("journal.migrate.report"), Texts.t("journal.migrate.nothing-left", where));
                        out.println(Texts.t("journal.migrate.ok", where));
                        return MainCommand.OK;
                    }
                    case BOOTS_IT -> {
                        if (noReboot) {
                            out.println(Texts.t("journal.migrate.reboot-to-use", where));
                            return MainCommand.OK;
                        }
                        return MigrateRun.prove(s, m, env, partition, q -> true, out, err);
                    }
                    default -> {
                        out.println(Texts.t("journal.migrate.again", where));
                        out.flush();
                        m.releaseOwnMount();
                        var pf = m.preflight(h.path("bootMedium").asText(null), false);
                        return MigrateRun.rootOnSsd(s, m, pf, layout(h, cfg), o.device, noReboot, q -> true, out, err);
                    }
                }
            });
        } catch (Stopped e) {
            err.println(ShellSession.describe(e));
            return e.exitCode();
        } catch (LinkException e) {
            err.println(Texts.t("cli.no-link", e));
            return MainCommand.NO_LINK;
        } catch (IOException e) {
            // the shell answered nonsense or stopped answering: as the migrate command says it; the journal stays open
            err.println(Texts.t("cli.unexpected-answer", e.getMessage()));
            return MainCommand.BOARD_SAID_NO;
        }
    }

    /**
     * The extroot route's resume: the board is asked whether preinit mounts the SSD's partition on
     * /overlay (the fstab mount enabled with its UUID, read back) and whether /overlay is it now.
     */
    private static int resumeExtroot(ShellSession s, NvmeMigration m, JsonNode h, MigrateConfig cfg, PrintWriter out)
            throws IOException, Stopped {
        String partition = h.path("partition").asText();
        String bootMedium = h.path("bootMedium").asText(null);
        ExtrootRoute x = new ExtrootRoute(s.steps, cfg);
        Procedure p = s.steps.procedure();
        switch (x.whereOverlayIs(partition, m.preflight(bootMedium, false).tools().contains("hexdump"))) {
            case RUNNING_FROM_IT -> {
                p.state(BoardState.verified(Texts.t("journal.extroot.verified", partition)));
                p.done(Texts.t("journal.migrate.report"), Texts.t("journal.extroot.nothing-left", partition));
                out.println(Texts.t("journal.extroot.ok", partition));
                return MainCommand.OK;
            }
            case BOOTS_IT -> {
                if (h.path("noReboot").asBoolean()) {
                    out.println(Texts.t("journal.extroot.reboot-to-use", partition));
                    return MainCommand.OK;
                }
                out.println(x.rebootAndProve(partition, 10 * 60_000L));
                return MainCommand.OK;
            }
            default -> {
                out.println(Texts.t("journal.extroot.again", partition));
                out.flush();
                m.releaseOwnMount();
                return MigrateRun.extroot(s, m, m.preflight(bootMedium, false), layout(h, cfg), h.path("device").asText(),
                        h.path("noReboot").asBoolean(), out);
            }
        }
    }
}
