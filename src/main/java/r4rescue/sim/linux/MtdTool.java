package r4rescue.sim.linux;

import java.util.List;

import r4rescue.board.BoardProfile;
import r4rescue.sim.state.FileEntry;

/**
 * OpenWrt's {@code mtd} utility: {@code mtd erase NAME}, {@code mtd write FILE NAME}. The BPI-R4's
 * Linux device tree marks {@code bl2} read-only (facts §7e), so writing it from Linux fails.
 */
final class MtdTool implements Program {

    @Override
    public int run(LinuxSystem s, List<String> a, Io io) {
        List<String> args = a.subList(1, a.size()).stream().filter(x -> !x.startsWith("-")).toList();
        if (args.size() < 2) {
            io.error("Usage: mtd [<options> ...] <command> [<arguments> ...] <device>[:<device>...]\n\nThe device is in the format of mtdX (eg: mtd4) or its label.\nmtd recognizes these commands:\n        unlock                  unlock the device\n        erase                   erase all data on device\n        write <imagefile>|-     write <imagefile> (use - for stdin) to device");
            return 1;
        }
        String cmd = args.get(0);
        String name = args.get(args.size() - 1);
        BoardProfile.Part part = null;
        for (BoardProfile.Part p : s.mtdParts()) {
            if (p.name().equals(name) || name.equals("mtd" + s.mtdParts().indexOf(p))) {
                part = p;
            }
        }
        if (part == null || part.name().equals("bl2")) {
            io.error("Could not open mtd device: " + name);
            io.error("Can't open device for writing!");
            return 1;
        }
        if (cmd.equals("erase")) {
            io.error("Unlocking " + part.name() + " ...");
            io.error("Erasing " + part.name() + " ...");
            s.state.nand.raw.set(part.offset(), part.size(), 0xff);
            touchUbi(s, part);
            return 0;
        }
        if (cmd.equals("write") && args.size() == 3) {
            byte[] data;
            if (args.get(1).equals("-")) {
                data = io.stdin();
            } else {
                FileEntry e = s.lookup(s.abs(args.get(1)));
                if (e == null) {
                    io.error("Couldn't open image file: " + args.get(1));
                    return 1;
                }
                data = e.bytes();
            }
            if (data.length > part.size()) {
                io.error("Image too big for partition: " + part.name());
                return 1;
            }
            io.error("Unlocking " + part.name() + " ...");
            io.error("");
            io.error("Writing from " + args.get(1) + " to " + part.name() + " ...     ");
            long blocks = (data.length + 0x1ffffL) / 0x20000 * 0x20000;
            s.state.nand.raw.set(part.offset(), Math.min(part.size(), blocks), 0xff);
            s.state.nand.raw.write(part.offset(), data);
            touchUbi(s, part);
            return 0;
        }
        io.error("Unknown command: " + cmd);
        return 1;
    }

    static void touchUbi(LinuxSystem s, BoardProfile.Part part) {
        if (part.name().equals("ubi")) {
            s.state.nand.volumes.clear();
            s.state.nand.ubiAttached = false;
        }
    }
}
