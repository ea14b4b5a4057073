package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.core.Stopped;
import r4rescue.sim.uboot.EnvStore;

/** fw_setenv failing on the simulated board (Faults.fwSetenvFails): the step stops with its words and the env read back. */
@Tag("sim")
class FwSetenvFailureSimTest {

    @Test
    void aFailingFwSetenvStopsWithItsMessageAndTheStateReadBack() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            EnvStore store = new EnvStore(b.board.state(), b.board.state().bootMedium());
            String before = store.load().env().get("bootargs");
            b.board.faults().fwSetenvFails = true;
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            Stopped e = assertThrows(Stopped.class, () -> m.pointRoot(new FwEnv(b.shell), "/dev/nvme0n1p1"));
            assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
            assertTrue(e.getMessage().contains("(exit 1): Error: can't write fw_env to flash"), e.getMessage());
            assertEquals("bootargs unchanged (read back): the board still boots its old root", e.state().words());
            assertEquals(before, store.load().env().get("bootargs"));
            List<String> c = b.commands();
            int failed = c.indexOf(c.stream().filter(x -> x.startsWith("fw_setenv ")).findFirst().orElseThrow());
            assertEquals("fw_printenv", c.get(c.size() - 1), "the state comes from reading the env again: " + c);
            assertTrue(failed < c.size() - 1, c.toString());
        }
    }
}
