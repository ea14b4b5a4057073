package r4rescue.face.fx.wizard;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * The window finds NvmeMigration's copy and reboot steps, and the upgrade's proof lines, by their steps' ids, so it
 * still finds them when the steps are named in Chinese (it matched the English words "Copy the root…" and "Reboot" before).
 */
@Tag("unit")
class StepIdsLanguageTest {

    private Locale before;

    @BeforeEach
    void chinese() {
        before = Texts.locale();
        Texts.useLocale(Locale.SIMPLIFIED_CHINESE);
    }

    @AfterEach
    void back() {
        Texts.useLocale(before);
    }

    @Test
    void theCopyPageSeesTarBeginInChinese() throws Exception {
        List<Event> events = new ArrayList<>();
        Procedure steps = new Procedure(events::add, new Cancel());
        steps.step(Message.of("proc.nvme.copyTheRootFilesystem"), "tar");
        Event copy = events.get(0);
        assertEquals("复制根文件系统（tar）", copy.step(), "the user reads the step in Chinese");
        assertEquals("proc.nvme.copyTheRootFilesystem", copy.stepId());

        CopyProgress p = new CopyProgress(x -> { }, 100L << 20);
        p.accept(copy);
        assertNotNull(p.at(System.currentTimeMillis()), "the copy's clock started at tar's step");
    }

    @Test
    void rollBackKnowsAHangingRebootInChinese() throws Exception {
        Procedure steps = new Procedure(e -> { }, new Cancel());
        Stopped hung = assertThrows(Stopped.class, () -> steps.step(Message.of("proc.nvme.reboot"), "", () -> {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, steps.currentStepMessage(), Stopped.said("Kernel panic"),
                    BoardState.untouched("x"), null);
        }));
        assertEquals("重启", hung.step());
        assertTrue(MigrationPages.hungInReboot(hung), "Roll back goes through U-Boot");
        Stopped elsewhere = new Stopped(Stopped.Kind.BOARD_SAID_NO, Message.of("proc.nvme.copyTheRootFilesystem"),
                Stopped.said("tar: short read"), BoardState.untouched("x"), null);
        assertFalse(MigrationPages.hungInReboot(elsewhere), "Linux still runs: Roll back goes through it");
        assertFalse(MigrationPages.hungInReboot(null));
    }

    @Test
    void aStepsFindingsCarryItsIdForTheUpgradeProof() throws Exception {
        List<Event> events = new ArrayList<>();
        Procedure steps = new Procedure(events::add, new Cancel());
        steps.step(Message.of("upgrade.modules.step"), "", () -> {
            steps.info("6.6.93");
            return null;
        });
        Event found = events.stream().filter(e -> e.kind() == Event.Kind.INFO).findFirst().orElseThrow();
        assertEquals("upgrade.modules.step", found.stepId(), "the upgrade's result page picks its proof lines by this id");
    }
}
