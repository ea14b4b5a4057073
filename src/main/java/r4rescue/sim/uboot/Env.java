package r4rescue.sim.uboot;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.board.Medium;

import r4rescue.util.JsonResource;

/**
 * A U-Boot environment: sorted name/value pairs, the default sets from {@code uboot-env.json},
 * and the on-flash encoding (CRC-32 LE, a flag byte for redundant copies, {@code name=value\0}...,
 * a final NUL, zero padding) shared by U-Boot and the Linux {@code fw_printenv}/{@code fw_setenv}.
 */
public final class Env {

    private static final JsonResource<JsonNode> DEFAULTS = new JsonResource<>("/r4rescue/sim/uboot-env.json", n -> n);

    private Env() {
    }

    public static TreeMap<String, String> defaults(boolean mtkSdk, Medium medium, String version) {
        JsonNode defaults = DEFAULTS.get();
        TreeMap<String, String> env = new TreeMap<>();
        if (mtkSdk) {
            put(env, defaults.get("mtk-sdk"));
        } else {
            put(env, defaults.get("openwrt-common"));
            put(env, defaults.get("openwrt-" + (medium == Medium.NONE ? Medium.SNAND : medium).name()));
        }
        env.put("ver", version);
        return env;
    }

    private static void put(TreeMap<String, String> env, JsonNode n) {
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            env.put(e.getKey(), e.getValue().asText());
        }
    }

    /** Encodes {@code env} into {@code size} bytes; {@code flag} < 0 means a single (non-redundant) copy. */
    public static byte[] encode(Map<String, String> env, int size, int flag) {
        int header = flag < 0 ? 4 : 5;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            byte[] kv = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
            data.write(kv, 0, kv.length);
            data.write(0);
        }
        data.write(0);
        byte[] out = new byte[size];
        byte[] d = data.toByteArray();
        if (d.length > size - header) {
            throw new IllegalArgumentException("environment too large");
        }
        System.arraycopy(d, 0, out, header, d.length);
        CRC32 crc = new CRC32();
        crc.update(out, header, size - header);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) crc.getValue());
        if (flag >= 0) {
            out[4] = (byte) flag;
        }
        return out;
    }

    /** Decodes one copy; null when its CRC does not match (erased, zeroed or corrupt). */
    public static TreeMap<String, String> decode(byte[] raw, boolean redundant) {
        int header = redundant ? 5 : 4;
        CRC32 crc = new CRC32();
        crc.update(raw, header, raw.length - header);
        int stored = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (stored != (int) crc.getValue()) {
            return null;
        }
        TreeMap<String, String> env = new TreeMap<>();
        int p = header;
        while (p < raw.length && raw[p] != 0) {
            int end = p;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            String kv = new String(raw, p, end - p, StandardCharsets.UTF_8);
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            p = end + 1;
        }
        return env;
    }
}
