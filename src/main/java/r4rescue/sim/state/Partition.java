package r4rescue.sim.state;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A GPT partition: byte offset and size; a filesystem when one was made on it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Partition {
    public int number;
    public String name;
    public long start;
    public long size;
    public String type;
    public String uuid;
    public FileSystem fs;

    public Partition() {
    }

    public Partition(int number, String name, long start, long size, String type) {
        this.number = number;
        this.name = name;
        this.start = start;
        this.size = size;
        this.type = type;
    }
}
