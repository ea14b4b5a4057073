package r4rescue.board;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Names a file by its headers (BL2 and for which medium, FIP, FIT, SD image, compressed...) and
 * says whether it is whole, so a wrong file is refused before anything reaches the board.
 * The magic numbers live in {@code image-signatures.json}.
 */
public final class ImageInspector {

    private static final HexFormat HEX = HexFormat.of();

    private record Magic(ImageKind kind, int offset, byte[] bytes) {
    }

    private final List<Magic> magics = new ArrayList<>();
    private final String nandName;
    private final String nandId;
    private final Map<String, Medium> genNames;
    private final byte[] brlytMagic;
    private final Map<Long, Medium> brlytTypes;
    private final byte[] gfhMagic;
    private final int gfhSearchLimit;
    private final byte[] fipToc;
    private final byte[] bl31Uuid;
    private final byte[] bl33Uuid;
    private final int fipMaxEntries;
    private final int sdBl2Offset;

    ImageInspector(JsonNode root) {
        for (JsonNode m : root.get("magics")) {
            magics.add(new Magic(ImageKind.valueOf(m.get("kind").asText()), m.get("offset").asInt(),
                    HEX.parseHex(m.get("hex").asText())));
        }
        JsonNode bl2 = root.get("bl2");
        nandName = bl2.get("nandName").asText();
        nandId = bl2.get("nandId").asText();
        genNames = new java.util.LinkedHashMap<>();
        bl2.get("genNames").fields().forEachRemaining(e -> genNames.put(e.getKey(), Medium.valueOf(e.getValue().asText())));
        brlytMagic = HEX.parseHex(bl2.get("brlytMagicHex").asText());
        brlytTypes = new java.util.HashMap<>();
        bl2.get("brlytTypes").fields().forEachRemaining(e -> brlytTypes.put(Long.parseLong(e.getKey()),
                e.getValue().asText().equals("NAND") ? Medium.SNAND : Medium.valueOf(e.getValue().asText())));
        gfhMagic = bl2.get("gfhMagic").asText().getBytes(StandardCharsets.US_ASCII);
        gfhSearchLimit = bl2.get("gfhSearchLimit").asInt();
        JsonNode fip = root.get("fip");
        fipToc = HEX.parseHex(fip.get("tocNameHex").asText());
        bl31Uuid = HEX.parseHex(fip.get("bl31UuidHex").asText());
        bl33Uuid = HEX.parseHex(fip.get("bl33UuidHex").asText());
        fipMaxEntries = fip.get("maxEntries").asInt();
        sdBl2Offset = root.get("sdcard").get("bl2Offset").asInt();
    }

    public ImageInfo inspect(Path file) throws IOException {
        return inspect(Files.readAllBytes(file));
    }

    public ImageInfo inspect(byte[] d) {
        long size = d.length;
        if (d.length == 0) {
            return new ImageInfo(ImageKind.EMPTY, Medium.NONE, 0, List.of("the file is empty"), "empty file");
        }
        if (uniform(d)) {
            String what = String.format("all %,d bytes are 0x%02X (erased or blank flash)", d.length, d[0] & 0xff);
            return new ImageInfo(ImageKind.UNKNOWN, Medium.NONE, size, List.of(what), what);
        }
        if (startsWith(d, 0, fipToc)) {
            return inspectFip(d);
        }
        ImageInfo bl2 = inspectBl2(d, 0);
        if (bl2 != null) {
            return bl2;
        }
        for (Magic m : magics) {
            if (startsWith(d, m.offset(), m.bytes())) {
                if (m.kind() == ImageKind.GPT && d.length > sdBl2Offset && inspectBl2(d, sdBl2Offset) != null) {
                    return new ImageInfo(ImageKind.SDCARD_IMAGE, Medium.SD, size, List.of(),
                            String.format("whole SD-card image (GPT with BL2 inside), %,d bytes", size));
                }
                return new ImageInfo(m.kind(), Medium.NONE, size, List.of(),
                        String.format("%s, %,d bytes", m.kind().label(), size));
            }
        }
        return new ImageInfo(ImageKind.UNKNOWN, Medium.NONE, size, List.of("no known header"),
                String.format("unrecognised file, %,d bytes", size));
    }

    /**
     * Why {@code info} must not be written as {@code wanted} for {@code target}, or null if it may.
     * {@code partitionSize} of 0 or less skips the size check.
     */
    public String refusal(ImageInfo info, ImageKind wanted, Medium target, long partitionSize) {
        if (info.compressed()) {
            return "The file is " + info.kind().label() + ": decompress it first (it is not a raw "
                    + wanted.label() + ")";
        }
        if (info.kind() == ImageKind.SDCARD_IMAGE || info.kind() == ImageKind.FIT) {
            return "This is a " + info.kind().label() + ", never a " + wanted.label()
                    + ": pick the " + (wanted == ImageKind.BL2 ? "…-preloader.bin" : "…-bl31-uboot.fip") + " file";
        }
        if (info.kind() != wanted) {
            return "Expected a " + wanted.label() + " but this is a " + info.kind().label()
                    + (info.problems().isEmpty() ? "" : " (" + String.join("; ", info.problems()) + ")");
        }
        if (!info.ok()) {
            return "The " + wanted.label() + " is unusable: " + String.join("; ", info.problems());
        }
        if (wanted == ImageKind.BL2 && target != null && target != Medium.NONE && info.medium() != target) {
            return "This BL2 was made for " + info.medium().label() + ", not for " + target.label();
        }
        if (partitionSize > 0 && info.size() > partitionSize) {
            return String.format("The file (%,d bytes) is larger than its partition (%,d bytes)", info.size(), partitionSize);
        }
        return null;
    }

    private ImageInfo inspectBl2(byte[] d, int base) {
        Medium medium = null;
        List<String> problems = new ArrayList<>();
        if (startsWith(d, base, nandName.getBytes(StandardCharsets.US_ASCII))
                && startsWith(d, base + 16, nandId.getBytes(StandardCharsets.US_ASCII))) {
            medium = Medium.SNAND;
        } else {
            for (Map.Entry<String, Medium> e : genNames.entrySet()) {
                byte[] name = (e.getKey() + "\0").getBytes(StandardCharsets.US_ASCII);
                if (startsWith(d, base, name)) {
                    medium = e.getValue();
                    break;
                }
            }
            if (medium == null) {
                return null;
            }
            // The BootROM layout header follows the 0x200-byte device header.
            int brlyt = base + 0x200;
            if (!startsWith(d, brlyt, "BRLYT".getBytes(StandardCharsets.US_ASCII))
                    || !startsWith(d, brlyt + 0x14, brlytMagic)) {
                problems.add("BootROM layout header (BRLYT) missing or corrupt");
            } else {
                Medium typed = brlytTypes.get(u32(d, brlyt + 0x18));
                if (typed != null && typed != medium) {
                    problems.add("device header says " + medium.label() + " but layout header says " + typed.label());
                }
            }
        }
        int gfh = find(d, base, Math.min(d.length, base + gfhSearchLimit), gfhMagic, "FILE_INFO");
        if (gfh < 0) {
            problems.add("no MediaTek file header (GFH FILE_INFO)");
        } else {
            long total = u32(d, gfh + 32);
            long have = d.length - gfh;
            if (total > have) {
                problems.add(String.format("truncated: its header says %,d bytes, the file has %,d", total, have));
            }
        }
        return new ImageInfo(ImageKind.BL2, medium, d.length - base, List.copyOf(problems),
                String.format("BL2 for %s, %,d bytes", medium.label(), d.length - base));
    }

    private ImageInfo inspectFip(byte[] d) {
        List<String> problems = new ArrayList<>();
        boolean bl31 = false;
        boolean bl33 = false;
        int entries = 0;
        int p = 16;
        while (true) {
            if (p + 40 > d.length) {
                problems.add("truncated inside its table of contents");
                break;
            }
            if (isZero(d, p, 16)) {
                break;
            }
            if (++entries > fipMaxEntries) {
                problems.add("table of contents has no end");
                break;
            }
            long offset = u64(d, p + 16);
            long len = u64(d, p + 24);
            if (offset < 0 || len < 0 || offset + len > d.length) {
                problems.add(String.format("truncated: an entry ends at byte %,d, the file has %,d", offset + len, d.length));
            }
            bl31 |= startsWith(d, p, bl31Uuid);
            bl33 |= startsWith(d, p, bl33Uuid);
            p += 40;
        }
        if (problems.isEmpty()) {
            if (!bl31) {
                problems.add("no BL31 inside");
            }
            if (!bl33) {
                problems.add("no BL33 (U-Boot) inside");
            }
        }
        return new ImageInfo(ImageKind.FIP, Medium.NONE, d.length, List.copyOf(problems),
                String.format("FIP with %d image(s), %,d bytes", entries, d.length));
    }

    private static int find(byte[] d, int from, int to, byte[] magic, String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i + 8 + n.length <= to; i++) {
            if (startsWith(d, i, magic) && startsWith(d, i + 8, n)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean uniform(byte[] d) {
        byte b = d[0];
        if (b != 0 && b != (byte) 0xff) {
            return false;
        }
        for (byte x : d) {
            if (x != b) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(byte[] d, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (d[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] d, int off, byte[] prefix) {
        if (off < 0 || off + prefix.length > d.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] d, int off) {
        if (off + 4 > d.length) {
            return Long.MAX_VALUE;
        }
        return ByteBuffer.wrap(d, off, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }

    private static long u64(byte[] d, int off) {
        return ByteBuffer.wrap(d, off, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
