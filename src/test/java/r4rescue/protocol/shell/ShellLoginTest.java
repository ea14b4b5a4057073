package r4rescue.protocol.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.Console;
import r4rescue.link.PipeLink;

/** The password is asked of its source only when the board shows Password:, and once. */
@Tag("unit")
class ShellLoginTest {

    private final FakeAsh ash = new FakeAsh();

    private static ShellDriver open(FakeAsh ash) throws Exception {
        PipeLink link = new PipeLink("fake", 115200, ash);
        ash.link = link;
        Console c = new Console(link);
        c.open();
        return new ShellDriver(c);
    }

    private static Supplier<String> counting(AtomicInteger asked, String answer) {
        return () -> {
            asked.incrementAndGet();
            return answer;
        };
    }

    @Test
    void thePasswordIsAskedForOnlyWhenTheBoardWantsOne() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        ash.mode = "login";
        ash.password = "hunter2";
        try (ShellDriver sh = open(ash)) {
            ash.send("\r\nOpenWrt login: ");
            assertEquals("root@OpenWrt:~# ", sh.activateWith(counting(asked, "hunter2"), 10_000));
            assertEquals(1, asked.get());
        }
        FakeAsh open = new FakeAsh();
        AtomicInteger never = new AtomicInteger();
        try (ShellDriver sh = open(open)) {
            open.boot();
            sh.activateWith(counting(never, "x"), 10_000);
            assertEquals(0, never.get(), "no Password: prompt, no question (a terminal prompt would wait for nothing)");
        }
    }

    /** Logging in as root on a board whose password is hunter2, with {@code password} as the source: the refusal. */
    private ShellException refused(Supplier<String> password) throws Exception {
        ash.mode = "login";
        ash.password = "hunter2";
        try (ShellDriver sh = open(ash)) {
            ash.send("\r\nOpenWrt login: ");
            return assertThrows(ShellException.class, () -> sh.activateWith(password, 10_000));
        }
    }

    @Test
    void aWrongPasswordStopsWithThatReason() throws Exception {
        assertEquals("The board did not accept the root password (it asks for the login again)", refused(() -> "wrong").getMessage());
    }

    @Test
    void noPasswordToGiveSaysWhereOneCanComeFrom() throws Exception {
        ShellException e = refused(() -> null);
        assertTrue(e.getMessage().contains("--password-file FILE or R4_RESCUE_PASSWORD"), e.getMessage());
    }
}
