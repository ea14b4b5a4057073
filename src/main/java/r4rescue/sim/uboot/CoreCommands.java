package r4rescue.sim.uboot;

import java.util.List;
import java.util.Map;

import r4rescue.sim.Reset;

/** help, version, echo, test, true, false, run, sleep, reset, askenv, bootmenu, pstore, led, memsize. */
final class CoreCommands {

    private CoreCommands() {
    }

    static void register(UBoot u) {
        Cmd help = new Cmd("print command description/usage", "\n    - print brief description of all commands\nhelp command ...\n    - print detailed usage of 'command'", CoreCommands::help);
        u.register("help", help);
        u.register("?", new Cmd("alias for 'help'", help.usage(), CoreCommands::help));
        u.register("version", new Cmd("print monitor, compiler and linker version", "", (b, a) -> {
            b.board.println("");
            b.board.println(b.version);
            b.board.println("");
            b.board.println("aarch64-openwrt-linux-musl-gcc (OpenWrt GCC 13.3.0 r28597-0425664679) 13.3.0");
            b.board.println("GNU ld (GNU Binutils) 2.42");
            return 0;
        }));
        u.register("echo", new Cmd("echo args to console", "[-n] [args..]\n    - echo args to console; -n suppresses newline", (b, a) -> {
            boolean nl = true;
            int i = 1;
            if (a.size() > 1 && a.get(1).equals("-n")) {
                nl = false;
                i = 2;
            }
            b.board.print(String.join(" ", a.subList(Math.min(i, a.size()), a.size())) + (nl ? "\r\n" : ""));
            return 0;
        }));
        u.register("true", new Cmd("do nothing, successfully", "", (b, a) -> 0));
        u.register("false", new Cmd("do nothing, unsuccessfully", "", (b, a) -> 1));
        u.register("test", new Cmd("minimal test like /bin/sh", "[args..]", (b, a) -> TestExpr.eval(a.subList(1, a.size())) ? 0 : 1));
        u.register("run", new Cmd("run commands in an environment variable", "var [...]\n    - run the commands in the environment variable(s) 'var'", (b, a) -> {
            if (a.size() < 2) {
                return Command.USAGE;
            }
            for (String var : a.subList(1, a.size())) {
                String script = b.getenv(var);
                if (script == null) {
                    b.board.println("## Error: \"" + var + "\" not defined");
                    return 1;
                }
                if (b.runScript(script) != 0) {
                    return 1;
                }
            }
            return 0;
        }));
        u.register("sleep", new Cmd("delay execution for some time", "N\n    - delay execution for N seconds (N is _decimal_ and can be\n      fractional)", (b, a) -> {
            if (a.size() != 2) {
                return Command.USAGE;
            }
            try {
                long ms = (long) (Double.parseDouble(a.get(1)) * 1000);
                for (long t = 0; t < ms; t += 100) {
                    if (b.ctrlc()) {
                        return 1;
                    }
                    b.board.pause(100);
                }
            } catch (NumberFormatException e) {
                return Command.USAGE;
            }
            return 0;
        }));
        u.register("reset", new Cmd("Perform RESET of the CPU", "- cold boot without level specifier\nreset -w - warm reset if implemented", (b, a) -> {
            b.board.println("resetting ...");
            throw new Reset();
        }));
        u.register("askenv", new Cmd("get environment variables from stdin", "name [message] [size]\n    - display 'message' and get environment variable 'name' from stdin", (b, a) -> {
            if (a.size() < 2) {
                return Command.USAGE;
            }
            String msg = a.size() > 2 ? String.join(" ", a.subList(2, a.size())) : "Please enter '" + a.get(1) + "': ";
            b.board.print(msg);
            String line = b.readLine();
            if (line == null || line.isEmpty()) {
                b.setenv(a.get(1), null);
            } else {
                b.setenv(a.get(1), line);
            }
            return 0;
        }));
        u.register("bootmenu", new Cmd("ANSI terminal bootmenu", "[delay]\n    - show ANSI terminal bootmenu with autoboot delay", (b, a) -> {
            int delay = a.size() > 1 ? Integer.parseInt(a.get(1)) : b.intEnv("bootmenu_delay", -1);
            String cmd = new BootMenu(b).show(delay);
            return cmd == null ? 0 : b.runScript(cmd);
        }));
        u.register("pstore", new Cmd("Manage Linux Persistent Storage", "set <addr> <len> [record-size] [console-size] [ftrace-size] [pmsg_size] [ecc-size]\npstore display [record-type] [nb]\npstore save <interface> <dev[:part]> <directory-path>\npstore check", (b, a) -> {
            if (a.size() >= 2 && a.get(1).equals("check")) {
                return 1; // no crash record from the last run
            }
            return Command.USAGE;
        }));
        u.register("led", new Cmd("manage LEDs", "<led_label> on|off|toggle|blink [blink-freq in ms]\nled [<led_label>] - get LED state\nled list - show a list of LEDs", (b, a) -> {
            if (a.size() >= 2 && a.get(1).equals("list")) {
                b.board.println("green:status    off");
                b.board.println("blue:status     off");
                return 0;
            }
            if (a.size() >= 2 && !a.get(1).equals("green:status") && !a.get(1).equals("blue:status")) {
                b.board.println("LED '" + a.get(1) + "' not found (err=-19)");
                return 1;
            }
            return 0;
        }));
        u.register("memsize", new Cmd("get detected ram size, optional set env variable with value", "[name] - get detected ram size in MiB", (b, a) -> {
            long mib = (long) b.s.ramGiB * 1024;
            if (a.size() > 1) {
                b.setenv(a.get(1), Long.toString(mib));
            } else {
                b.board.println(mib + " MiB");
            }
            return 0;
        }));
    }

    private static int help(UBoot u, List<String> a) {
        if (a.size() > 1) {
            int rc = 0;
            for (String name : a.subList(1, a.size())) {
                Command c = u.find(name);
                if (c == null) {
                    u.board.println("Unknown command '" + name + "' - try 'help' without arguments for list of all known commands");
                    rc = 1;
                    continue;
                }
                u.board.println(name + " - " + c.summary());
                u.board.println("");
                u.board.println("Usage:");
                u.board.println(name + " " + c.usage().replace("\n", "\r\n"));
            }
            return rc;
        }
        for (Map.Entry<String, Command> e : u.commands.entrySet()) {
            u.board.println(String.format("%-10s- %s", e.getKey(), e.getValue().summary()));
        }
        return 0;
    }
}
