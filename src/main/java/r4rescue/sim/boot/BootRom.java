package r4rescue.sim.boot;

import java.util.List;

import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.sim.SimBoard;

/**
 * The MT7988 mask ROM: reads SW3, looks for a BL2 whose header matches the selected medium,
 * prints its status lines and jumps to BL2, or prints {@code System halt!} and stops.
 */
public final class BootRom {

    private final SimBoard board;

    public BootRom(SimBoard board) {
        this.board = board;
    }

    public void run() {
        board.event("brom");
        // a board without serial recovery (the test-only profile) has no download mode to listen for
        if (board.data().hasUartBoot() && new BromDownload(board).listen()) {
            return;
        }
        board.pause(20);
        Medium m = board.state().bootMedium();
        boolean found = false;
        for (byte[] candidate : Media.bl2Candidates(board.state(), m)) {
            ImageInfo info = board.state().profile().images().inspect(candidate);
            if (info.kind() == ImageKind.BL2 && info.ok() && info.medium() == m) {
                found = true;
                break;
            }
        }
        String key = found ? "ok" : "halt";
        List<String> lines = board.text().lines("brom", key, found ? m.name() : haltKey(m));
        for (String line : lines) {
            board.pause(15);
            board.println(line);
        }
        if (!found) {
            board.event("halt");
            board.hang();
        }
        new Bl2(board, m).run();
    }

    private static String haltKey(Medium m) {
        return m == Medium.NOR ? "NONE" : m.name();
    }
}
