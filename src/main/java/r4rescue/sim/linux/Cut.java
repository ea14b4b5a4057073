package r4rescue.sim.linux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** BusyBox {@code cut -d DELIM -f LIST [FILE...]}: fields by number (N, N-M, N-, lists with commas). */
final class Cut implements Program {

    @Override
    public int run(LinuxSystem s, List<String> a, Io io) {
        String delim = "\t";
        String fields = null;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            String x = a.get(i);
            if (x.startsWith("-d")) {
                delim = x.length() > 2 ? x.substring(2) : i + 1 < a.size() ? a.get(++i) : "";
            } else if (x.startsWith("-f")) {
                fields = x.length() > 2 ? x.substring(2) : i + 1 < a.size() ? a.get(++i) : null;
            } else {
                files.add(x);
            }
        }
        if (fields == null || delim.length() != 1) {
            io.error(fields == null ? "cut: expected a list of bytes, characters, or fields"
                    : "cut: the delimiter must be a single character");
            return 1;
        }
        for (byte[] d : FileCommands.inputs(s, files, io, "cut")) {
            for (String line : new String(d, StandardCharsets.UTF_8).split("\n")) {
                if (!line.contains(delim)) {
                    io.println(line);
                    continue;
                }
                String[] f = line.split(java.util.regex.Pattern.quote(delim), -1);
                List<String> out = new ArrayList<>();
                for (int n = 1; n <= f.length; n++) {
                    if (selected(fields, n)) {
                        out.add(f[n - 1]);
                    }
                }
                io.println(String.join(delim, out));
            }
        }
        return 0;
    }

    private static boolean selected(String list, int n) {
        for (String r : list.split(",")) {
            String[] ends = r.split("-", -1);
            int lo = ends[0].isEmpty() ? 1 : Integer.parseInt(ends[0]);
            int hi = ends.length == 1 ? lo : ends[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(ends[1]);
            if (n >= lo && n <= hi) {
                return true;
            }
        }
        return false;
    }
}
