package r4rescue.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON resource read on first use and kept: the program's data files (board facts, signatures,
 * scenarios). Reading is lazy because Jackson's start costs about 100 ms, which the window's first
 * frame should not pay.
 *
 * @param <T> what the JSON is turned into
 */
public final class JsonResource<T> {

    private final String path;
    private final Maker<T> make;
    private volatile T value;

    /** {@code path} is absolute on the class path, e.g. {@code /r4rescue/board/bpi-r4.json}. */
    public JsonResource(String path, Maker<T> make) {
        this.path = path;
        this.make = make;
    }

    /** The value, read and made at the first call (a race makes it twice, harmlessly). */
    public T get() {
        T v = value;
        if (v == null) {
            try {
                v = make.make(read(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            value = v;
        }
        return v;
    }

    /** The JSON tree of a class-path resource; an {@link IOException} names it if it is missing. */
    public static JsonNode read(String path) throws IOException {
        try (InputStream in = JsonResource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("Missing resource " + path);
            }
            return Mapper.INSTANCE.readTree(in);
        }
    }

    /** Turns the JSON into the value; may read further resources. */
    @FunctionalInterface
    public interface Maker<T> {
        T make(JsonNode json) throws IOException;
    }

    /** One mapper for all the resources, made with the first of them. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }
}
