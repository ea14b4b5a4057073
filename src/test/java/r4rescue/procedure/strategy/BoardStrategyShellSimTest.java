package r4rescue.procedure.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.SimLink;

/** The strategy's SHELL state on the simulated board: from OFF, from U-Boot's prompt, and a boot that panics. */
@Tag("sim")
class BoardStrategyShellSimTest {

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Procedure p = new Procedure(events::add, new Cancel());
    private SimLink link;
    private Console console;
    private BootLogWatch watch;
    private BoardStrategy strategy;

    private void connect(String spec) throws Exception {
        link = (SimLink) Links.create(spec, 115200);
        console = new Console(link);
        watch = new BootLogWatch(console);
        strategy = new BoardStrategy(Boards.R4, console, watch, link.bench().orElseThrow(), i -> {
            throw new IllegalStateException("the bench does the hand steps: " + i);
        });
        console.open();
    }

    @AfterEach
    void close() {
        watch.close();
        console.close();
    }

    @Test
    void fromOffTheBoardIsSwitchedOnAndEndsAtACheckedShellWithTheMediumBl2Named() throws Exception {
        connect("sim:healthy-nand@off");
        strategy.off(p);
        try (ShellDriver sh = strategy.toShell(null, null, p)) {
            assertEquals(BoardStrategy.State.SHELL, strategy.state());
            assertTrue(sh.check("cat /proc/cmdline").text().contains("console=ttyS0"), "the shell answers");
        }
        assertEquals(Medium.SNAND, strategy.bootedFrom());
        assertTrue(said("BL2 says it booted from the NAND."), events.toString());
        assertTrue(said("Bench: power on."), events.toString());
    }

    @Test
    void fromUBootsPromptTheEnvironmentsBootcmdBootsLinux() throws Exception {
        connect("sim:healthy-nand@off");
        UBootSession s = strategy.toUBoot(Medium.SNAND, p);
        assertEquals(BoardStrategy.State.UBOOT, strategy.state());
        try (ShellDriver sh = strategy.toShell(s, null, p)) {
            assertEquals(BoardStrategy.State.SHELL, strategy.state());
            assertEquals(0, sh.run("true").exitStatus());
        }
        assertTrue(events.stream().anyMatch(e -> e.kind() == Event.Kind.COMMAND && e.message().equals("boot")), events.toString());
    }

    @Test
    void aBootThatPanicsIsATypedStopWithTheKernelsWordsAndTheStateIsNotShell() throws Exception {
        connect("sim:healthy-nand@off");
        UBootSession s = strategy.toUBoot(Medium.SNAND, p);
        s.setenv("bootargs", "console=ttyS0,115200 root=/dev/nvme0n1p2 rootfstype=ext4");
        Stopped e = assertThrows(Stopped.class, () -> strategy.toShell(s, null, p));
        assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
        assertTrue(e.getCause() instanceof BoardStrategy.WrongBoot, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("could not open the root device") && e.getMessage().contains("nvme0n1p2"), e.getMessage());
        assertEquals(BoardStrategy.State.BOOTING, strategy.state());
    }

    private boolean said(String text) {
        return events.stream().anyMatch(e -> e.kind() == Event.Kind.INFO && e.message().equals(text));
    }
}
