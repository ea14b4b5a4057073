package r4rescue.protocol.uboot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.board.BoardProfile;

/**
 * Changes {@code root=}, {@code rootfstype=}, {@code console=} and {@code rootwait} where the kernel
 * command line really comes from, keeping every other argument: the plain {@code bootargs}
 * variable (OpenWrt), {@code setenv bootargs ...} / {@code fdt set /chosen bootargs ...} inside
 * boot scripts (vendor and frank-w builds), and variables referenced from there such as
 * {@code root=${root}} or {@code ${bootargs_root}}.
 */
public final class BootArgsRepair {

    /** What the command line should say; null leaves that argument alone. */
    public record Wanted(String root, String rootfstype, String console, boolean rootwait) {
        public Wanted {
            if (root != null) {
                BootArgs.checkRoot(root);
            }
            if (rootfstype != null) {
                BootArgs.checkRootfsType(rootfstype);
            }
            if (console != null) {
                BootArgs.checkConsole(console);
            }
        }
    }

    /** One variable's old and new value. */
    public record Change(String variable, String oldValue, String newValue) {
        @Override
        public String toString() {
            return variable + ": '" + oldValue + "' -> '" + newValue + "'";
        }
    }

    /** Where a command line lives: {@code value.substring(start, end)} of {@code variable}. */
    record Source(String variable, int start, int end, boolean script) {
        String args(Map<String, String> env) {
            return env.get(variable).substring(start, end);
        }
    }

    private static final Pattern SCRIPT_SET = Pattern.compile(
            "(?:setenv|env set|fdt set /chosen)\\s+bootargs\\s+(?:\"([^\"]*)\"|'([^']*)'|([^;]*))");
    private static final Pattern REF = Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?$");

    private BootArgsRepair() {
    }

    /** The changes that make {@code env} boot with {@code wanted}; empty if it already does. */
    public static List<Change> plan(UBootEnv env, Wanted wanted) {
        Map<String, String> vars = new LinkedHashMap<>(env.asMap());
        if (wanted.root() != null) {
            set(vars, "root", wanted.root());
        }
        if (wanted.rootfstype() != null) {
            set(vars, "rootfstype", wanted.rootfstype());
        }
        if (wanted.console() != null) {
            set(vars, "console", wanted.console());
        }
        if (wanted.rootwait()) {
            addFlag(vars, "rootwait");
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            String old = env.get(e.getKey());
            if (!e.getValue().equals(old)) {
                changes.add(new Change(e.getKey(), old == null ? "" : old, e.getValue()));
            }
        }
        return changes;
    }

    /** Applies the plan with read-back of every variable; with {@code save} also a checked saveenv. */
    public static List<Change> apply(UBootSession s, BoardProfile board, Wanted wanted, boolean save) throws IOException {
        List<Change> changes = plan(s.printenv(), wanted);
        for (Change c : changes) {
            s.setenv(c.variable(), c.newValue());
        }
        UBootEnv after = save && !changes.isEmpty() ? s.saveenv(board) : s.printenv();
        List<Change> left = plan(after, wanted);
        if (!left.isEmpty()) {
            throw new UBootException("bootargs still not as wanted after the change: " + describe(left));
        }
        return changes;
    }

    /** Where each command line comes from, e.g. {@code bootargs = console=... root=/dev/fit0}. */
    public static List<String> sources(UBootEnv env) {
        List<String> out = new ArrayList<>();
        for (Source src : sources(env.asMap())) {
            out.add(src.variable() + (src.script() ? " (script)" : "") + ": " + src.args(env.asMap()));
        }
        return out;
    }

    public static String describe(List<Change> changes) {
        if (changes.isEmpty()) {
            return "Nothing to change: bootargs already as wanted.";
        }
        StringBuilder b = new StringBuilder();
        for (Change c : changes) {
            b.append(c).append('\n');
        }
        return b.toString().strip();
    }

    private static List<Source> sources(Map<String, String> vars) {
        List<Source> list = new ArrayList<>();
        String plain = vars.get("bootargs");
        if (plain != null) {
            list.add(new Source("bootargs", 0, plain.length(), false));
        }
        for (Map.Entry<String, String> e : vars.entrySet()) {
            if (e.getKey().equals("bootargs")) {
                continue;
            }
            Matcher m = SCRIPT_SET.matcher(e.getValue());
            while (m.find()) {
                int g = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
                list.add(new Source(e.getKey(), m.start(g), m.end(g), true));
            }
        }
        // Variables a command line pulls in whole, e.g. "${bootargs_root}".
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            for (String tok : BootArgs.parse(list.get(i).args(vars)).tokens()) {
                Matcher r = REF.matcher(tok);
                if (r.matches() && !r.group(1).equals("bootargs") && vars.containsKey(r.group(1)) && seen.add(r.group(1))) {
                    list.add(new Source(r.group(1), 0, vars.get(r.group(1)).length(), false));
                }
            }
        }
        return list;
    }

    /** Sets {@code key} in every command line that has it (through a referenced variable if so), else adds it. */
    private static void set(Map<String, String> vars, String key, String value) {
        boolean found = false;
        // Offsets move with each edit, so the sources are found again after every one.
        for (int i = 0; i < sources(vars).size(); i++) {
            Source src = sources(vars).get(i);
            BootArgs args = BootArgs.parse(src.args(vars));
            if (args.get(key).isEmpty()) {
                continue;
            }
            found = true;
            Matcher ref = REF.matcher(args.get(key).get());
            if (ref.matches() && vars.containsKey(ref.group(1))) {
                vars.put(ref.group(1), value);
            } else {
                replace(vars, src, args.with(key, value));
            }
        }
        if (!found) {
            for (int i = 0; i < appendTargets(vars).size(); i++) {
                Source src = appendTargets(vars).get(i);
                replace(vars, src, BootArgs.parse(src.args(vars)).with(key, value));
            }
        }
    }

    private static void addFlag(Map<String, String> vars, String flag) {
        for (Source src : sources(vars)) {
            if (BootArgs.parse(src.args(vars)).hasFlag(flag)) {
                return;
            }
        }
        for (int i = 0; i < appendTargets(vars).size(); i++) {
            Source src = appendTargets(vars).get(i);
            replace(vars, src, BootArgs.parse(src.args(vars)).withFlag(flag));
        }
    }

    /**
     * Where to add a missing argument: boot scripts that assign the whole command line win over a
     * plain bootargs (they overwrite it at boot); otherwise the plain variable, created if needed.
     */
    private static List<Source> appendTargets(Map<String, String> vars) {
        List<Source> full = new ArrayList<>();
        for (Source s : sources(vars)) {
            if (s.script() && !s.args(vars).strip().startsWith("${bootargs}")) {
                full.add(s);
            }
        }
        if (!full.isEmpty()) {
            return full;
        }
        vars.putIfAbsent("bootargs", "");
        return List.of(new Source("bootargs", 0, vars.get("bootargs").length(), false));
    }

    private static void replace(Map<String, String> vars, Source src, BootArgs args) {
        String v = vars.get(src.variable());
        vars.put(src.variable(), v.substring(0, src.start()) + args + v.substring(src.end()));
    }
}
