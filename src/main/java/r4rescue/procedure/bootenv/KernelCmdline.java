package r4rescue.procedure.bootenv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kernel command lines: which root they name, and the same line pointed at another root. */
public final class KernelCmdline {

    private KernelCmdline() {
    }

    /** The {@code root=} value, if any. */
    public static Optional<String> root(String cmdline) {
        for (String t : cmdline.trim().split("\\s+")) {
            if (t.startsWith("root=")) {
                return Optional.of(t.substring(5));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code cmdline} with {@code root=} replaced by {@code device} in place (appended if absent),
     * {@code rootfstype=ext4} right after it and {@code rootwait} kept or added; every other argument kept.
     */
    public static String withRoot(String cmdline, String device) {
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String t : cmdline.trim().split("\\s+")) {
            if (t.isEmpty() || t.startsWith("rootfstype=") || t.equals("rootwait")) {
                continue;
            }
            if (t.startsWith("root=")) {
                out.add("root=" + device);
                out.add("rootfstype=ext4");
                out.add("rootwait");
                placed = true;
            } else {
                out.add(t);
            }
        }
        if (!placed) {
            out.add("root=" + device);
            out.add("rootfstype=ext4");
            out.add("rootwait");
        }
        return String.join(" ", out);
    }

    /**
     * The variable that really carries {@code root=}: {@code preferred} (bootargs) when it does;
     * otherwise the one variable that holds a {@code root=} argument; otherwise {@code preferred}.
     * (OpenWrt's BPI-R4 env keeps it in bootargs: facts §6; other builds compose bootargs from
     * variables such as {@code rootargs}.)
     */
    public static String carrier(Map<String, String> env, String preferred) {
        String v = env.get(preferred);
        if (v != null && root(v).isPresent()) {
            return preferred;
        }
        List<String> holders = env.entrySet().stream()
                .filter(e -> !e.getValue().contains("setenv") && root(e.getValue()).isPresent())
                .map(Map.Entry::getKey).toList();
        return holders.size() == 1 ? holders.get(0) : preferred;
    }
}
