package r4rescue.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One board's facts as data, loaded from {@code r4rescue/boards/<id>/} ({@code board.json},
 * {@code flash-layouts.json}, {@code image-signatures.json}): boot DIP switch, flash layouts, image
 * file names, U-Boot menus, load address. Each fact carries its source and a confirmed flag.
 * The faces load it once ({@link #load}) and hand it down; nothing below them looks it up.
 */
public final class BoardProfile {

    /** The board a face uses when none is named. */
    public static final String DEFAULT_ID = "bpi-r4";

    /** One position of the boot switch block: one value per lever, 0 = up, 1 = down. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DipPosition(Medium medium, String label, List<Integer> levers, boolean confirmed, String source) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String name, long offset, long size, String content, String type) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UbiVol(String name, long size, String type, String content) {
        public boolean isStatic() {
            return "static".equals(type);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Layout(String source, boolean confirmed, String device, long size, long pageSize, long blockSize,
                         long boot0Size, List<Part> partitions, List<Long> bl2Copies, List<UbiVol> ubiVolumes,
                         JsonNode install, long envOffset, long envRedundOffset, long envSize) {
        public Part part(String name) {
            for (Part p : partitions) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Menu(String title, List<String> entries, String source, boolean confirmed) {
    }

    private static final Map<String, BoardProfile> LOADED = new ConcurrentHashMap<>();
    private final String id;
    private final JsonNode root;
    private volatile ImageInspector images;
    private volatile UartBootData uartBoot;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private BoardProfile(String id, JsonNode root) {
        this.id = id;
        this.root = root;
    }

    /**
     * The profile under {@code r4rescue/boards/<id>/} on the class path (read once per id: the files are immutable).
     * @throws IllegalArgumentException no such board
     */
    public static BoardProfile load(String id) {
        return LOADED.computeIfAbsent(id, k -> new BoardProfile(k, read(k, "board.json")));
    }

    private static JsonNode read(String id, String file) {
        String path = "/r4rescue/boards/" + id + "/" + file;
        try (InputStream in = BoardProfile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No board profile '" + id + "' (" + path + " is missing).");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String id() {
        return id;
    }

    /** The inspector over this board's image signatures ({@code image-signatures.json}). */
    public ImageInspector images() {
        ImageInspector i = images;
        if (i == null) {
            i = new ImageInspector(file("image-signatures.json"));
            images = i;
        }
        return i;
    }

    /** Whether the board has a serial-line recovery path ({@code uartboot.json}; the test-only profile has none). */
    public boolean hasUartBoot() {
        return uartBoot != null || BoardProfile.class.getResource("/r4rescue/boards/" + id + "/uartboot.json") != null;
    }

    /**
     * The serial-line recovery facts ({@code uartboot.json}).
     * @throws IllegalArgumentException the board has no serial-line recovery (no such file)
     */
    public UartBootData uartBoot() {
        UartBootData u = uartBoot;
        if (u == null) {
            u = new UartBootData(file("uartboot.json"));
            uartBoot = u;
        }
        return u;
    }

    /** Another of the profile's files, e.g. {@code flash-layouts.json}. */
    public JsonNode file(String name) {
        return read(id, name);
    }

    /** The raw JSON, for facts this class has no accessor for. */
    public JsonNode json() {
        return root;
    }

    /** Switch positions per boot medium, in the order of the table (for the BPI-R4: NAND, eMMC, SD, none). */
    public List<DipPosition> dipPositions() {
        List<DipPosition> out = new ArrayList<>();
        for (JsonNode n : root.path("dip").path("positions")) {
            out.add(mapper.convertValue(n, DipPosition.class));
        }
        return out;
    }

    /** The switch block's name on the silkscreen, e.g. "SW3". */
    public String dipBlock() {
        return root.path("dip").path("block").asText();
    }

    /** Lever names as printed beside them, one per lever, e.g. ["A", "B"]. */
    public List<String> dipLevers() {
        List<String> out = new ArrayList<>();
        root.path("dip").path("levers").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The words for lever values 0 and 1, e.g. ["up", "down"]. */
    public List<String> dipWords() {
        return List.of(root.path("dip").path("words").path(0).asText(), root.path("dip").path("words").path(1).asText());
    }

    public DipPosition dipFor(Medium m) {
        for (DipPosition p : dipPositions()) {
            if (p.medium() == m) {
                return p;
            }
        }
        throw new IllegalArgumentException("no DIP position for " + m);
    }

    /** The medium the BROM boots from with the levers at {@code levers} (0 = up, 1 = down); NONE for no known position. */
    public Medium mediumFor(List<Integer> levers) {
        for (DipPosition p : dipPositions()) {
            if (p.levers().equals(levers)) {
                return p.medium();
            }
        }
        return Medium.NONE;
    }

    /** The setting for {@code m} in words, e.g. "SW3: A down (1), B down (1)". */
    public String dipSetting(Medium m) {
        List<Integer> v = dipFor(m).levers();
        List<String> names = dipLevers();
        List<String> words = dipWords();
        return dipBlock() + ": " + IntStream.range(0, v.size())
                .mapToObj(i -> names.get(i) + " " + words.get(v.get(i)) + " (" + v.get(i) + ")").collect(Collectors.joining(", "));
    }

    /** Where images go in RAM when U-Boot's env has no {@code loadaddr}. */
    public long loadAddress() {
        return root.path("ram").path("loadAddr").asLong();
    }

    /** The gap the read-back copy keeps after an image in RAM (rounded up to this). */
    public long readBackAlign() {
        return root.path("ram").path("readBackAlign").asLong();
    }

    /** The boot device BL2 names when it booted from {@code m}, in the boot-log observer's words (e.g. "SPI-NAND"). */
    public String bootDevice(Medium m) {
        JsonNode n = root.path("bootDevices").path(m.name());
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no boot device words for " + m + " in board " + id);
        }
        return n.asText();
    }

    /** The medium whose boot device BL2 names as {@code device} (the reverse of {@link #bootDevice}), or null. */
    public Medium mediumOfBootDevice(String device) {
        for (Medium m : Medium.values()) {
            if (root.path("bootDevices").path(m.name()).asText("\0").equals(device)) {
                return m;
            }
        }
        return null;
    }

    /** A line the board prints, by key (see {@code "texts"} in board.json), e.g. "menuInstallDone". */
    public String text(String key) {
        JsonNode n = root.path("texts").path(key).path("text");
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no text " + key + " in board " + id);
        }
        return n.asText();
    }

    /** A flash layout: openwrt-snand, mtk-sdk-snand, openwrt-emmc, openwrt-sd. */
    public Layout layout(String key) {
        JsonNode n = root.path("layouts").path(key);
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no layout " + key);
        }
        return mapper.convertValue(n, Layout.class);
    }

    /** Boot menu for "openwrt-SNAND", "openwrt-EMMC", "openwrt-SD" or "mtk-sdk". */
    public Menu menu(String key) {
        JsonNode n = root.path("menus").path(key);
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("no menu " + key);
        }
        return mapper.convertValue(n, Menu.class);
    }

    /** Image file name for a suffix such as {@code snand-preloader.bin}. */
    public String imageName(String suffix) {
        return root.path("images").path("prefix").asText() + suffix;
    }

    public String ubootVersion(String flavour) {
        return root.path("uboot").path(flavour).path("version").asText();
    }

    public String ubootPrompt(String flavour) {
        return root.path("uboot").path(flavour).path("prompt").asText();
    }
}
