package r4rescue.sim.uboot;

import java.util.List;

import r4rescue.sim.SyntheticFit;
import r4rescue.sim.linux.Kernel;

/** bootm, boot, iminfo, imsz/imszb, tftpboot (no network on the bench: it times out). */
final class BootCommands {

    private BootCommands() {
    }

    static void register(UBoot u) {
        u.register("bootm", new Cmd("boot application image from memory", "[addr [arg ...]]\n    - boot application image stored in memory", BootCommands::bootm));
        u.register("boot", new Cmd("boot default, i.e., run 'bootcmd'", "", (b, a) -> b.execute(List.of("run", "bootcmd"))));
        u.register("bootd", new Cmd("boot default, i.e., run 'bootcmd'", "", (b, a) -> b.execute(List.of("run", "bootcmd"))));
        u.register("iminfo", new Cmd("print header information for application image", "addr [addr ...]\n    - print header information for application image starting at\n      address 'addr' in memory; this includes verification of the\n      image contents (magic number, header and payload checksums)", (b, a) -> {
            long addr = a.size() > 1 ? Numbers.hex(a.get(1)) : Numbers.hex(b.getenv("loadaddr"));
            b.board.println("");
            b.board.println(String.format("## Checking Image at %08x ...", addr));
            SyntheticFit.Info fit = SyntheticFit.parse(b.ramRead(addr, SyntheticFit.HEADER));
            if (fit == null) {
                b.board.println("   Unknown image format!");
                return 1;
            }
            b.board.println("   FIT image found");
            b.board.println("   FIT description: " + fit.description());
            b.board.println("    Created:         2025-04-13  16:38:32 UTC");
            b.board.println("   Verifying Hash Integrity ... OK");
            return 0;
        }));
        Cmd imsz = new Cmd("get image size", "<addr> [var]", BootCommands::imsz);
        u.register("imsz", imsz);
        u.register("imszb", new Cmd("get image size in 512-byte blocks", "<addr> [var]", BootCommands::imsz));
        u.register("tftpboot", new Cmd("load file via network using TFTP protocol", "[loadAddress] [[hostIPaddr:]bootfilename]", (b, a) -> {
            b.board.println("Using ethernet@15100000 device");
            b.board.println("TFTP from server " + b.getenv("serverip") + "; our IP address is " + b.getenv("ipaddr"));
            b.board.println("Filename '" + (a.size() > 2 ? a.get(2) : b.getenv("bootfile")) + "'.");
            b.board.println("Load address: " + (a.size() > 1 ? a.get(1) : b.getenv("loadaddr")));
            b.board.print("Loading: ");
            for (int i = 0; i < 10; i++) {
                if (b.ctrlc()) {
                    b.board.println("");
                    b.board.println("Abort");
                    return 1;
                }
                // real waiting even at time scale 0, so a TFTP retry loop cannot spin
                if (b.board.read(Math.max(50, (long) (500 * b.board.timeScale()))) == 3) {
                    b.board.println("");
                    b.board.println("Abort");
                    return 1;
                }
                b.board.print("T ");
            }
            b.board.println("");
            b.board.println("Retry count exceeded; starting again");
            return 1;
        }));
    }

    private static int imsz(UBoot u, List<String> a) {
        if (a.size() < 2) {
            return Command.USAGE;
        }
        Long addr = Numbers.hex(a.get(1));
        SyntheticFit.Info fit = addr == null ? null : SyntheticFit.parse(u.ramRead(addr, SyntheticFit.HEADER));
        if (fit == null) {
            u.board.println("Unknown image format!");
            return 1;
        }
        long v = a.get(0).equals("imszb") ? (fit.totalSize() + 511) / 512 : fit.totalSize();
        if (a.size() > 2) {
            u.setenv(a.get(2), Long.toHexString(v));
        } else {
            u.board.println(Long.toHexString(v));
        }
        return 0;
    }

    private static int bootm(UBoot u, List<String> a) {
        String spec = a.size() > 1 ? a.get(1) : u.getenv("loadaddr");
        String addrText = spec.contains("#") ? spec.substring(0, spec.indexOf('#')) : spec;
        String conf = spec.contains("#") ? spec.substring(spec.indexOf('#') + 1) : null;
        Long addr = Numbers.hex(addrText);
        if (addr == null) {
            return Command.USAGE;
        }
        byte[] head = u.ramRead(addr, SyntheticFit.HEADER);
        SyntheticFit.Info fit = SyntheticFit.parse(head);
        if (fit == null) {
            u.board.println("Wrong Image Format for bootm command");
            u.board.println("ERROR: can't get kernel image!");
            return 1;
        }
        String confName = conf == null || conf.isEmpty() ? "config-mt7988a-bananapi-bpi-r4" : conf.split("#")[0];
        if (confName.isEmpty()) {
            confName = "config-mt7988a-bananapi-bpi-r4";
        }
        String a8 = String.format("%08x", addr);
        u.board.println("## Loading kernel (any) from FIT Image at " + a8 + " ...");
        u.board.println("   Using '" + confName + "' configuration");
        u.board.println("   Verifying Hash Integrity ... OK");
        u.board.println("   Trying 'kernel-1' kernel subimage");
        u.board.println("     Description:  " + fit.description());
        u.board.println("     Type:         Kernel Image");
        u.board.println("     Compression:  gzip compressed");
        u.board.println(String.format("     Data Start:   0x%08x", addr + 0x1000));
        u.board.println("     Load Address: 0x46000000");
        u.board.println("     Entry Point:  0x46000000");
        u.board.println("   Verifying Hash Integrity ... crc32+ sha1+ OK");
        u.board.println("## Loading fdt (any) from FIT Image at " + a8 + " ...");
        u.board.println("   Using '" + confName + "' configuration");
        u.board.println("   Verifying Hash Integrity ... OK");
        u.board.println("   Trying 'fdt-1' fdt subimage");
        u.board.println("     Description:  ARM64 OpenWrt bananapi_bpi-r4 device tree blob");
        u.board.println("     Type:         Flat Device Tree");
        u.board.println("     Compression:  uncompressed");
        u.board.println("   Verifying Hash Integrity ... crc32+ sha1+ OK");
        u.board.println("   Booting using the fdt blob at 0x45f00000");
        u.board.pause(400);
        u.board.println("Working FDT set to 45f00000");
        u.board.println("   Uncompressing Kernel Image to 46000000");
        u.board.println("   Loading Device Tree to 000000007eaf1000, end 000000007eaffb9f ... OK");
        u.board.println("Working FDT set to 7eaf1000");
        u.board.println("");
        u.board.println("Starting kernel ...");
        u.board.println("");
        String bootargs = u.getenv("bootargs");
        new Kernel(u.board, u.medium, bootargs == null ? "" : bootargs, fit).run();
        return 0;
    }
}
