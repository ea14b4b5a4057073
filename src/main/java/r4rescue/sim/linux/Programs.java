package r4rescue.sim.linux;

import java.util.HashMap;
import java.util.Map;

/** The programs the simulated OpenWrt shell knows, by name. */
final class Programs {

    private Programs() {
    }

    static Map<String, Program> all() {
        Map<String, Program> m = new HashMap<>();
        FileCommands.register(m);
        Builtins.register(m);
        DiskCommands.register(m);
        SystemCommands.register(m);
        Extroot.register(m);
        m.put("tar", new Tar());
        m.put("cut", new Cut());
        NvmeModule.register(m);
        Packages.register(m);
        return m;
    }
}
