package r4rescue.procedure.core;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.protocol.uboot.NoAnswerException;

/** The runtime's rules: when a cancel stops, what the stop says about the board, and the exit codes. */
@Tag("unit")
class ProcedureTest {

    private final List<Event> events = new ArrayList<>();
    private final Cancel cancel = new Cancel();
    private final Procedure p = new Procedure(events::add, cancel);

    @Test
    void aCancelStopsAtTheNextStepWhileTheBoardIsUntouched() {
        cancel.request();
        Stopped s = assertThrows(Stopped.class, () -> p.step("Erase", "Erasing"));
        assertEquals(Stopped.Kind.CANCELLED, s.kind());
        assertEquals(BoardState.Kind.UNTOUCHED, s.state().kind());
        assertEquals(ExitCodes.CANCELLED, s.exitCode());
        assertTrue(events.isEmpty(), "the step never began");
    }

    @Test
    void onceTheBoardIsChangingOneCancelLetsTheWorkGoOnAndASecondAbortsWithTheLatestState() throws Stopped {
        p.state(BoardState.damaged("Damaged: the FIP is being written."));
        cancel.request();
        p.step("Write", "Writing");
        p.checkpoint();
        cancel.request();
        Stopped s = assertThrows(Stopped.class, p::checkpoint);
        assertEquals(Stopped.Kind.CANCELLED, s.kind());
        assertEquals(BoardState.Kind.DAMAGED, s.state().kind());
        assertTrue(s.getMessage().contains("Damaged: the FIP is being written."), s.getMessage());
        assertEquals(ExitCodes.FAILED, s.exitCode());
    }

    @Test
    void aVerifiedStateIsSafeToStopAtAgain() throws Stopped {
        p.state(BoardState.damaged("writing"));
        cancel.request();
        p.checkpoint();
        p.state(BoardState.verified("BL2 is written and verified; the FIP is as it was."));
        Stopped s = assertThrows(Stopped.class, () -> p.step("Send the FIP", "…"));
        assertEquals("Cancelled. BL2 is written and verified; the FIP is as it was.", s.getMessage());
        assertEquals(ExitCodes.FAILED, s.exitCode(), "not 130: the board was changed");
    }

    @Test
    void stateChangesAreSaidAtOnceAndFailuresCarryTheLatest() {
        p.state(BoardState.damaged("erasing"));
        assertEquals(Event.Kind.STATE, events.get(0).kind());
        Stopped s = p.failed("mtd write failed", new IOException("U-Boot said no"));
        assertEquals(Stopped.Kind.BOARD_SAID_NO, s.kind());
        assertEquals("erasing", s.state().words());
        assertEquals(Stopped.Kind.NO_ANSWER, p.failed("lost", new NoAnswerException("silent")).kind());
        assertEquals(ExitCodes.NO_LINK, p.failed("lost", new NoAnswerException("silent")).exitCode());
        assertEquals(ExitCodes.REFUSED, p.refused("wrong file").exitCode());
    }

    @Test
    void stepsReturnTypedResultsAndWrapFailures() throws Stopped {
        long crc = p.step("CRC", "Comparing", () -> 0x1234L);
        assertEquals(0x1234L, crc);
        Stopped s = assertThrows(Stopped.class, () -> p.step("Read", "Reading", () -> {
            throw new IOException("mtd read failed");
        }));
        assertEquals("Read", s.step());
        assertEquals("mtd read failed", s.getMessage());
    }

    @Test
    void theDoneStepIsNotAStopPoint() {
        cancel.request();
        cancel.request();
        p.done("Report", "written and verified");
        assertEquals(Event.Kind.STEP, events.get(events.size() - 1).kind());
    }
}
