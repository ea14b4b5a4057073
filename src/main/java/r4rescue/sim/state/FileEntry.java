package r4rescue.sim.state;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A file, directory or symlink. Small files keep their bytes; big ones only a size and a seed. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public final class FileEntry {
    /** 'f' file, 'd' directory, 'l' symlink. */
    public char kind = 'f';
    public long size;
    public byte[] content;
    public String target;
    public int mode = 0644;
    /** Seeds the pattern big files without stored bytes read as; copies keep it, so they compare equal. */
    public long seed;

    public static FileEntry dir() {
        FileEntry e = new FileEntry();
        e.kind = 'd';
        e.mode = 0755;
        return e;
    }

    public static FileEntry file(byte[] content) {
        FileEntry e = new FileEntry();
        e.content = content;
        e.size = content.length;
        return e;
    }

    public static FileEntry text(String s) {
        return file(s.getBytes(StandardCharsets.UTF_8));
    }

    public static FileEntry link(String target) {
        FileEntry e = new FileEntry();
        e.kind = 'l';
        e.target = target;
        e.mode = 0777;
        return e;
    }

    public static FileEntry sized(long size, int mode, long seed) {
        FileEntry e = new FileEntry();
        e.size = size;
        e.mode = mode;
        e.seed = seed;
        return e;
    }

    /** The bytes of the file; big files without stored bytes read as a deterministic pattern. */
    public byte[] bytes() {
        if (content != null) {
            return content;
        }
        byte[] b = new byte[(int) Math.min(size, 64L << 20)];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    public FileEntry copy() {
        FileEntry e = new FileEntry();
        e.kind = kind;
        e.size = size;
        e.content = content;
        e.target = target;
        e.mode = mode;
        e.seed = seed;
        return e;
    }
}
