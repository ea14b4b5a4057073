package r4rescue.sim.uboot;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** printenv, setenv, saveenv, eraseenv and {@code env} with its sub-commands. */
final class EnvCommands {

    private EnvCommands() {
    }

    static void register(UBoot u) {
        u.register("printenv", new Cmd("print environment variables", "\n    - print [all] values of all environment variables\nprintenv name ...\n    - print value of environment variable 'name'", EnvCommands::printenv));
        u.register("setenv", new Cmd("set environment variables", "[-f] name value ...\n    - [forcibly] set environment variable 'name' to 'value ...'\nsetenv [-f] name\n    - [forcibly] delete environment variable 'name'", EnvCommands::setenv));
        u.register("saveenv", new Cmd("save environment variables to persistent storage", "", (b, a) -> saveenv(b)));
        u.register("eraseenv", new Cmd("erase environment variables from persistent storage", "", (b, a) -> {
            b.board.print("Erasing Environment on " + b.store.kind() + "... ");
            boolean ok = b.store.erase();
            b.board.println(ok ? "OK" : "Failed (-5)");
            return ok ? 0 : 1;
        }));
        u.register("env", new Cmd("environment handling commands",
                "default [-f] -a - [forcibly] reset default environment\nenv default [-f] var [...] - [forcibly] reset variable(s) to their default values\nenv delete [-f] var [...] - [forcibly] delete variable(s)\nenv erase - erase environment\nenv exists name - tests for existence of variable\nenv export [-t | -b | -c] [-s size] addr [var ...] - export environment\nenv print [-a | name ...] - print environment\nenv run var [...] - run commands in an environment variable\nenv save - save environment\nenv set [-f] name [arg ...]",
                EnvCommands::env));
    }

    private static int printenv(UBoot u, List<String> a) {
        if (a.size() == 1 || (a.size() == 2 && a.get(1).equals("-a"))) {
            int size = 0;
            for (Map.Entry<String, String> e : u.env.entrySet()) {
                u.board.println(e.getKey() + "=" + e.getValue().replace("\n", "\r\n"));
                size += e.getKey().length() + e.getValue().length() + 2;
            }
            u.board.println("");
            int total = u.store.kind().equals("UBI") ? EnvStore.UBI_ENV_SIZE - 5 : u.store.kind().equals("MTD") ? 0x80000 - 4 : 0x40000 - 5;
            u.board.println("Environment size: " + size + "/" + total + " bytes");
            return 0;
        }
        int rc = 0;
        for (String name : a.subList(1, a.size())) {
            String v = u.env.get(name);
            if (v == null) {
                u.board.println("## Error: \"" + name + "\" not defined");
                rc = 1;
            } else {
                u.board.println(name + "=" + v.replace("\n", "\r\n"));
            }
        }
        return rc;
    }

    private static int setenv(UBoot u, List<String> a) {
        List<String> args = a.subList(1, a.size());
        if (!args.isEmpty() && args.get(0).equals("-f")) {
            args = args.subList(1, args.size());
        }
        if (args.isEmpty()) {
            return Command.USAGE;
        }
        String name = args.get(0);
        if (name.contains("=")) {
            u.board.println("## Error: illegal character '=' in variable name \"" + name + "\"");
            return 1;
        }
        if (args.size() == 1) {
            u.env.remove(name);
            return 0;
        }
        u.env.put(name, String.join(" ", args.subList(1, args.size())));
        return 0;
    }

    static int saveenv(UBoot u) {
        String kind = u.store.kind();
        u.board.print("Saving Environment to " + kind + "... ");
        if (kind.equals("UBI")) {
            if ("ubi".equals(u.ubiPart)) {
                u.board.println("UBI partition 'ubi' already selected");
            } else if (!FlashCommands.attach(u, "ubi")) {
                u.board.println("Failed (-5)");
                return 1;
            }
        }
        u.board.pause(150);
        int copy = u.board.faults().ubootSaveenvStoresNothing ? u.store.nextCopy() : u.store.save(new TreeMap<>(u.env));
        switch (kind) {
            case "UBI" -> u.board.print(copy == 1 ? "Writing to redundant UBI... " : "Writing to UBI... ");
            case "MMC" -> u.board.print(copy == 1 ? "Writing to redundant MMC(0)... " : "Writing to MMC(0)... ");
            default -> u.board.print("Erasing on MTD... OK\r\nWriting to MTD... ");
        }
        if (copy < 0) {
            u.board.println(kind.equals("UBI") ? "Volume " + "ubootenv" + " not found!" : "failed");
            u.board.println("Failed (1)");
            return 1;
        }
        if (kind.equals("UBI")) {
            u.board.println("done");
        }
        u.board.println("OK");
        return 0;
    }

    /**
     * {@code env export -c [-s size] addr}, the checksummed block only (cmd/nvedit.c): the header
     * of this build (CRC-32, and the flag byte 1 where the environment is redundant), then the
     * variables, zero-padded to {@code size}; the same bytes saveenv stores.
     */
    private static int export(UBoot u, List<String> a) {
        int i = 1;
        boolean checksummed = false;
        long size = 0;
        for (; i < a.size() && a.get(i).startsWith("-"); i++) {
            switch (a.get(i)) {
                case "-c" -> checksummed = true;
                case "-s" -> {
                    Long v = ++i < a.size() ? Numbers.hex(a.get(i)) : null;
                    if (v == null) {
                        return Command.USAGE;
                    }
                    size = v;
                }
                default -> {
                    return Command.USAGE;
                }
            }
        }
        if (!checksummed || size <= 0 || i != a.size() - 1) {
            return Command.USAGE;
        }
        Long addr = Numbers.hex(a.get(i));
        if (addr == null) {
            return Command.USAGE;
        }
        u.checkRam(addr, size);
        u.ramWrite(addr, Env.encode(u.env, (int) size, u.store.redundant() ? 1 : -1));
        return 0;
    }

    private static int env(UBoot u, List<String> a) {
        if (a.size() < 2) {
            return Command.USAGE;
        }
        List<String> rest = a.subList(1, a.size());
        switch (a.get(1)) {
            case "print":
                return printenv(u, rest);
            case "set":
                return setenv(u, rest);
            case "save":
                return saveenv(u);
            case "export":
                return export(u, rest);
            case "exists":
                return a.size() == 3 && u.env.containsKey(a.get(2)) ? 0 : 1;
            case "run":
                return u.execute(new java.util.ArrayList<>(List.of("run")) {{ addAll(a.subList(2, a.size())); }});
            case "erase":
                return u.execute(List.of("eraseenv"));
            case "delete":
                for (String n : a.subList(2, a.size())) {
                    if (!n.equals("-f") && u.env.remove(n) == null) {
                        u.board.println("## Error: \"" + n + "\" not defined");
                        return 1;
                    }
                }
                return 0;
            case "default":
                TreeMap<String, String> d = Env.defaults(u.s.mtkSdk(), u.medium, u.version);
                if (a.contains("-a")) {
                    u.board.println("## Resetting to default environment");
                    u.env.clear();
                    u.env.putAll(d);
                    return 0;
                }
                for (String n : a.subList(2, a.size())) {
                    if (n.equals("-f")) {
                        continue;
                    }
                    if (d.containsKey(n)) {
                        u.env.put(n, d.get(n));
                    } else {
                        u.env.remove(n);
                    }
                }
                return 0;
            default:
                return Command.USAGE;
        }
    }
}
