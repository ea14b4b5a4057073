package r4rescue.sim.state;

import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A filesystem as a map of absolute paths to entries: enough for mount, tar, df and sha256sum. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class FileSystem {
    public String type;
    public String label;
    public String uuid;
    public TreeMap<String, FileEntry> files = new TreeMap<>();

    public FileSystem() {
    }

    public FileSystem(String type, String label, String uuid) {
        this.type = type;
        this.label = label;
        this.uuid = uuid;
        files.put("/", FileEntry.dir());
        files.put("/lost+found", FileEntry.dir());
    }

    public long usedBytes() {
        long sum = 0;
        for (FileEntry e : files.values()) {
            sum += e.size;
        }
        return sum;
    }
}
