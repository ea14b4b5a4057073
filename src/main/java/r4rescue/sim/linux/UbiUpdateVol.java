package r4rescue.sim.linux;

import java.util.ArrayList;
import java.util.List;

import r4rescue.board.Medium;
import r4rescue.sim.Sparse;
import r4rescue.sim.state.UbiVolume;

/**
 * mtd-utils' {@code ubiupdatevol NODE FILE} (or {@code -} for stdin, {@code -t} to wipe): replaces
 * the whole content of a UBI volume. A static volume then holds exactly the file's bytes; a dynamic
 * one the file followed by erased (0xff) space. The volume Linux boots from is busy.
 */
final class UbiUpdateVol implements Program {

    private static final String NAME = "ubiupdatevol";

    @Override
    public int run(LinuxSystem s, List<String> a, Io io) {
        boolean truncate = false;
        List<String> args = new ArrayList<>();
        for (String x : a.subList(1, a.size())) {
            if (x.equals("-t") || x.equals("--truncate")) {
                truncate = true;
            } else {
                args.add(x);
            }
        }
        if (args.isEmpty() || args.size() != (truncate ? 1 : 2)) {
            io.error(NAME + ": error!: specify UBI device name and image file name as first 2 parameters");
            return 1;
        }
        String node = s.abs(args.get(0));
        UbiVolume v = node.startsWith("/dev/") ? s.sysClass.volume(node.substring(5)) : null;
        if (v == null) {
            io.error(NAME + ": error!: cannot get information about UBI volume \"" + args.get(0) + "\"");
            io.error("           error 2 (No such file or directory)");
            return 1;
        }
        if (v.name.equals("fit") && s.medium == Medium.SNAND) {
            io.error(NAME + ": error!: cannot open UBI volume \"" + args.get(0) + "\"");
            io.error("           error 16 (Device or resource busy)");
            return 1;
        }
        byte[] data;
        if (truncate) {
            data = new byte[0];
        } else if (args.get(1).equals("-")) {
            data = io.stdin();
        } else {
            data = FileCommands.read(s, args.get(1), io, NAME);
            if (data == null) {
                return 1;
            }
        }
        long capacity = SysClass.reservedEbs(v) * SysClass.LEB;
        if (data.length > capacity) {
            io.error(NAME + ": error!: \"" + args.get(1) + "\" (size " + data.length + ") will not fit volume \""
                    + args.get(0) + "\" (size " + capacity + ")");
            return 1;
        }
        Sparse fresh = new Sparse(Math.max(v.size, data.length), 0xff);
        fresh.write(0, data);
        v.data = fresh;
        v.size = fresh.size();
        v.dataSize = v.isStatic ? data.length : v.size;
        return 0;
    }
}
